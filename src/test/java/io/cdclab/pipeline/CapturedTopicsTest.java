package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The topics the lab creates before a sink starts, and what it says when a sink's wait times out (no broker). */
class CapturedTopicsTest {
    private static ConnectorConfig source(Map<String, String> more) {
        Map<String, String> config = new LinkedHashMap<>(Map.of("connector.class",
                "io.debezium.connector.postgresql.PostgresConnector", "topic.prefix", "shop"));
        config.putAll(more);
        return new ConnectorConfig("shop-source", config);
    }

    @Test
    void debeziumsNaming_theSourcesPartitionCountAndTopicSettings() {
        CapturedTopics topics = CapturedTopics.of(source(Map.of("topic.creation.default.partitions", "12",
                "topic.creation.default.replication.factor", "-1", "topic.creation.default.cleanup.policy", "compact")),
                List.of("public.orders", "sales.lines"), 6);

        assertThat(topics.known()).isTrue();
        assertThat(topics.topics()).containsExactly("shop.public.orders", "shop.sales.lines");
        assertThat(topics.partitions()).isEqualTo(12);
        assertThat(topics.replicationFactor()).as("-1: the broker's default").isEmpty();
        assertThat(topics.topicConfigs()).containsExactly(Map.entry("cleanup.policy", "compact"));

        CapturedTopics labDefault = CapturedTopics.of(source(Map.of("topic.delimiter", "_")), List.of("public.orders"), 6);
        assertThat(labDefault.topics()).containsExactly("shop_public_orders");
        assertThat(labDefault.partitions()).isEqualTo(6);
        assertThat(CapturedTopics.of(source(Map.of("topic.creation.default.replication.factor", "3")), List.of("public.a"), 1)
                .replicationFactor()).isEqualTo(Optional.of((short) 3));
    }

    @Test
    void aSourceThatRenamesItsTopics_leavesThemUnknown_sayingWhy() {
        CapturedTopics routed = CapturedTopics.of(source(Map.of("transforms", "unwrap, reroute",
                "transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState",
                "transforms.reroute.type", "io.debezium.transforms.ByLogicalTableRouter")), List.of("public.orders"), 6);
        assertThat(routed.known()).isFalse();
        assertThat(routed.topics()).isEmpty();
        assertThat(routed.unknownWhy()).contains("reroute", "ByLogicalTableRouter");
        assertThat(CapturedTopics.of(source(Map.of("topic.naming.strategy", "com.example.Names")), List.of("public.a"), 6)
                .unknownWhy()).contains("topic.naming.strategy=com.example.Names");
        assertThat(CapturedTopics.of(source(Map.of("topic.naming.strategy", "io.debezium.schema.SchemaTopicNamingStrategy")),
                List.of("public.a"), 6).topics()).containsExactly("shop.public.a");
    }

    @Test
    void aRegexSinkWithNothingAssigned_isExplainedWithCauseAndFix() {
        ConnectorConfig sink = new ConnectorConfig("shop-sink", Map.of("topics.regex", "shop\\..*"));
        String text = SinkConsumerFacts.describe(sink, "connect-shop-sink", 1, "STABLE", 0,
                Set.of("shop.public.orders", "shop.public.lines", "other.public.x"));

        assertThat(text).contains("consumer group connect-shop-sink has no partitions assigned although 2 topic(s) "
                        + "match topics.regex=shop\\..* (shop.public.lines, shop.public.orders)",
                "300000 ms, 5 min", "consumer.override.metadata.max.age.ms=5000", "create the topics before the sink starts");
        assertThat(SinkConsumerFacts.describe(sink, "connect-shop-sink", 1, "STABLE", 12, Set.of("shop.public.orders")))
                .startsWith("The sink's consumer group connect-shop-sink has 1 member(s) (state STABLE) and 12 partition(s)")
                .doesNotContain("Likely cause");
        assertThat(SinkConsumerFacts.describe(sink, "connect-shop-sink", 0, "EMPTY", 0, Set.of("shop.public.orders")))
                .contains("No sink task is consuming");
        assertThat(SinkConsumerFacts.group(new ConnectorConfig("s", Map.of("consumer.override.group.id", "mine"))))
                .isEqualTo("mine");
    }
}
