package io.cdclab.scenarios;

import io.cdclab.connect.ConnectorConfig;
import io.cdclab.errors.LabException;
import io.cdclab.junit.CdcLab;
import io.cdclab.pipeline.SinkConsumerFacts;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.ChangeEventReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.cdclab.scenarios.ScenarioPages.CHANGE_SEMANTICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start of a sink that subscribes by {@code topics.regex} (scenario C1's "nothing missing" at the start): a
 * topic created after the sink's consumer started is assigned only at the consumer's next metadata refresh. Shown
 * with two Iceberg sinks side by side, 5 s and 60 s of metadata age (rather than Kafka's 5-minute default, so the
 * test waits a bounded 20 s), and the lab's own cure: topics created before the sink starts.
 */
@CdcLab(kafkaPartitions = 6, shared = true)
class SinkStartScenariosTest {
    static final ScenarioFinding C1 = ScenarioFinding.of("C1", "a topics.regex sink at start", """
            A sink subscribed by topics.regex sees a topic created after it started only at its next metadata refresh
            (5 minutes by default), silently; the lab creates the captured tables' topics before the sink.""");
    /** How long the test watches the long-age sink after the topic appeared. */
    private static final Duration WATCHED = Duration.ofSeconds(20);

    @Test
    void c1_topicsRegexSink_seesALaterTopicOnlyAtItsNextMetadataRefresh_theLabCreatesTopicsFirst(RunningTopology lab)
            throws Exception {
        ConnectorConfig shortAge = regexSink(lab, "c1-age-5s", "c1_late_5s", 5_000);
        ConnectorConfig longAge = regexSink(lab, "c1-age-60s", "c1_late_60s", 60_000);
        lab.connect().createUnvalidated(shortAge);
        lab.connect().createUnvalidated(longAge);
        Duration ready = Duration.ofSeconds(90);
        lab.connect().awaitRunning(shortAge.name(), ready);
        lab.connect().awaitRunning(longAge.name(), ready);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, lab.kafkaBootstrapServers()))) {
            // Both consumers have joined (and fetched the topic list once) before the topics exist.
            Awaitility.await("both sinks' consumers in their groups").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> members(admin, shortAge) > 0 && members(admin, longAge) > 0);
            admin.createTopics(List.of(new NewTopic("c1_late_5s.public.orders", 3, (short) 1),
                    new NewTopic("c1_late_60s.public.orders", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Timer sinceCreated = Timer.start();

            Awaitility.await("the 5 s sink's consumer to be assigned the new topic").atMost(WATCHED)
                    .pollInterval(Duration.ofMillis(200)).until(() -> assigned(admin, shortAge) == 3);
            Duration shortSeen = sinceCreated.elapsed();
            // The 60 s sink, watched as long: nothing assigned all along, although the topic matches its regex.
            Awaitility.await("the 60 s sink's consumer to stay without partitions").during(WATCHED.minus(shortSeen))
                    .atMost(WATCHED.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> assigned(admin, longAge) == 0);
            int longAssigned = assigned(admin, longAge);
            Duration watched = sinceCreated.elapsed();
            String facts = SinkConsumerFacts.describe(lab.kafkaBootstrapServers(), longAge);

            // The 5 s sink saw the topic within the watched window (the wait above); the 60 s sink, in the same window, not.
            assertThat(longAssigned).as("partitions of the 60 s sink after %s s", watched.toSeconds()).isZero();
            assertThat(facts).contains("consumer group connect-" + longAge.name() + " has no partitions assigned although "
                    + "1 topic(s) match topics.regex=c1_late_60s\\..* (c1_late_60s.public.orders)",
                    "60000 ms, consumer.override.metadata.max.age.ms", "create the topics before the sink starts");

            // The lab's cure, with Kafka's default age (5 min): the pipeline creates the table's topic first.
            // Bounded well below the default age's first refresh (5 min): rows later than that would mean the sink
            // found its topic by refreshing, not because it existed when the sink started.
            Scenario.Capture blind = Scenario.on(lab).within(Duration.ofMinutes(3))
                    .given("CREATE TABLE public.c1_blind_start (id int PRIMARY KEY, note text)",
                            "INSERT INTO c1_blind_start SELECT g, 'row ' || g FROM generate_series(1, 3) g")
                    .capture("c1-blind", "public.c1_blind_start")
                    .with(b -> b.withoutSinkConfig("consumer.override.metadata.max.age.ms")).start();
            assertThat(blind.pipeline().sink().get("consumer.override.metadata.max.age.ms")).isNull();
            Timer landing = Timer.start();
            blind.awaitLake("c1_blind_start", 3);
            Duration landed = landing.elapsed();
            assertThat(landed).as("rows in the lake with the default metadata age, before its first refresh")
                    .isLessThan(Duration.ofMinutes(3));

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("5 s metadata age: new topic assigned after (s)", shortSeen.toMillis() / 1000.0);
            figures.put("60 s metadata age: partitions assigned after " + watched.toSeconds() + " s", longAssigned);
            figures.put("default age (5 min), topics created by the lab first: snapshot in the lake after (s)",
                    landed.toMillis() / 1000.0);
            CHANGE_SEMANTICS.section(C1)
                    .paragraph("A sink that subscribes by topics.regex is assigned a topic created after its consumer"
                            + " started only at the consumer's next metadata refresh (metadata.max.age.ms, 5 minutes by"
                            + " default). Debezium creates each table's topic with the table's first event, so a sink"
                            + " started beside a new source sits RUNNING, with nothing assigned and nothing logged, for up"
                            + " to 5 minutes. Two Iceberg sinks, started before their topic existed: with"
                            + " consumer.override.metadata.max.age.ms=5000 the new topic was assigned after "
                            + shortSeen.toMillis() / 1000.0 + " s; with 60000 it was not assigned " + watched.toSeconds()
                            + " s later. The lab's wait then says: " + facts)
                    .paragraph("The lab creates the captured tables' topics (Debezium's names, the source's partition"
                            + " count) before it starts the sink, so a sink with the default age has them at once; and the"
                            + " check rule topics-regex-metadata-age names a topics.regex sink without an age of 30 s or"
                            + " less.")
                    .figures("C1 regex subscription, measured", figures);
            CHANGE_SEMANTICS.write();
        } finally {
            lab.connect().delete(shortAge.name());
            lab.connect().delete(longAge.name());
        }
    }

    @Test
    void c1_topicsTheLabCannotName_areNotCreatedFirst_andTheTimedOutWaitSaysWhatTheSinkWaitsFor(RunningTopology lab) {
        // The source renames its topics (a RegexRouter): the lab cannot tell them, so the sink, at Kafka's default
        // metadata age, starts before its topic exists and waits for its next refresh, five minutes later.
        Scenario.Capture routed = Scenario.on(lab).within(Duration.ofSeconds(15))
                .given("CREATE TABLE public.c1_routed (id int PRIMARY KEY, note text)",
                        "INSERT INTO c1_routed SELECT g, 'row ' || g FROM generate_series(1, 3) g")
                .capture("c1-routed", "public.c1_routed")
                .sourceConfig("transforms", "rename")
                .sourceConfig("transforms.rename.type", "org.apache.kafka.connect.transforms.RegexRouter")
                .sourceConfig("transforms.rename.regex", "cdc_c1_routed\\.public\\.(.*)")
                .sourceConfig("transforms.rename.replacement", "c1routed.$1")
                .sinkConfig("topics.regex", "c1routed\\..*")
                .with(b -> b.withoutSinkConfig("consumer.override.metadata.max.age.ms")).start();
        try {
            // Debezium created the renamed topic with the snapshot's events.
            assertThat(ChangeEventReader.readAtLeast(lab.kafkaBootstrapServers(), "c1routed.c1_routed", 3,
                    Duration.ofSeconds(60))).hasSize(3);
            Timer waiting = Timer.start();
            assertThatThrownBy(() -> routed.awaitLake("c1_routed", 3))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("held no table yet after 15 s")
                    .hasMessageContaining("consumer group connect-c1-routed-sink has no partitions assigned although 1 "
                            + "topic(s) match topics.regex=c1routed\\..* (c1routed.c1_routed)")
                    .hasMessageContaining("300000 ms, 5 min")
                    .hasMessageContaining("consumer.override.metadata.max.age.ms=5000");
            assertThat(waiting.elapsed()).as("the wait gave up at its bound rather than at the refresh")
                    .isLessThan(Duration.ofSeconds(90));
        } finally {
            routed.pipeline().delete();
        }
    }

    /** The lab's Iceberg sink fixture, subscribed to {@code <topicPrefix>\..*}, registered on its own (no source). */
    private static ConnectorConfig regexSink(RunningTopology lab, String id, String topicPrefix, long metadataAgeMs) {
        lab.source().execute("CREATE TABLE IF NOT EXISTS public.c1_regex_sinks (id int PRIMARY KEY)");
        return lab.pipeline(id).tables("public.c1_regex_sinks")
                .sinkConfig("topics.regex", topicPrefix + "\\..*")
                .sinkConfig("consumer.override.metadata.max.age.ms", Long.toString(metadataAgeMs))
                .sinkConfig();
    }

    private static ConsumerGroupDescription group(Admin admin, ConnectorConfig sink) throws Exception {
        String group = SinkConsumerFacts.group(sink);
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(10, TimeUnit.SECONDS);
    }

    private static int members(Admin admin, ConnectorConfig sink) throws Exception {
        return group(admin, sink).members().size();
    }

    private static int assigned(Admin admin, ConnectorConfig sink) throws Exception {
        return group(admin, sink).members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
    }
}
