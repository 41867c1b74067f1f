package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Kafka topics a Debezium source config writes its captured tables to, and how Debezium would create them
 * ({@code topic.creation.default.*}), as far as the config tells: {@code <topic.prefix>.<schema>.<table>} under
 * Debezium's own topic naming. A config that renames topics (a router transform, another
 * {@code topic.naming.strategy}) leaves them unknown, with the reason, rather than guessed.
 *
 * @param topics            the topic names, empty when {@link #unknownWhy} says why they cannot be told
 * @param partitions        {@code topic.creation.default.partitions}, else the lab's partition count
 * @param replicationFactor {@code topic.creation.default.replication.factor} when positive, else the broker's default
 * @param topicConfigs      the other {@code topic.creation.default.*} settings (cleanup.policy, retention.ms, ...)
 */
public record CapturedTopics(List<String> topics, int partitions, Optional<Short> replicationFactor,
                             Map<String, String> topicConfigs, String unknownWhy) {
    private static final String DEFAULT_GROUP = "topic.creation.default.";
    private static final Set<String> NOT_TOPIC_CONFIGS = Set.of("partitions", "replication.factor", "include", "exclude");
    /** Debezium's strategies that name a table's topic {@code prefix<delimiter>schema<delimiter>table}. */
    private static final Set<String> SCHEMA_TABLE_NAMING = Set.of("io.debezium.schema.SchemaTopicNamingStrategy",
            "io.debezium.schema.DefaultTopicNamingStrategy");

    public CapturedTopics {
        topics = List.copyOf(topics);
        topicConfigs = Map.copyOf(topicConfigs);
    }

    public boolean known() {
        return unknownWhy == null;
    }

    /** {@code tables} as {@code schema.table}; {@code labPartitions} where the config sets no partition count. */
    public static CapturedTopics of(ConnectorConfig source, List<String> tables, int labPartitions) {
        Map<String, String> config = source.config();
        int partitions = intValue(config.get(DEFAULT_GROUP + "partitions")).filter(p -> p > 0).orElse(labPartitions);
        Optional<Short> replication = intValue(config.get(DEFAULT_GROUP + "replication.factor")).filter(r -> r > 0)
                .map(Integer::shortValue);
        Map<String, String> topicConfigs = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (key.startsWith(DEFAULT_GROUP) && !NOT_TOPIC_CONFIGS.contains(key.substring(DEFAULT_GROUP.length()))) {
                topicConfigs.put(key.substring(DEFAULT_GROUP.length()), value);
            }
        });
        String why = unknownWhy(config);
        if (why != null) {
            return new CapturedTopics(List.of(), partitions, replication, topicConfigs, why);
        }
        String prefix = config.get("topic.prefix");
        String delimiter = config.getOrDefault("topic.delimiter", ".");
        List<String> topics = tables.stream().map(t -> prefix + delimiter + t.replace(".", delimiter)).toList();
        return new CapturedTopics(topics, partitions, replication, topicConfigs, null);
    }

    private static String unknownWhy(Map<String, String> config) {
        String prefix = config.get("topic.prefix");
        if (prefix == null || prefix.isBlank()) {
            return "the source config has no topic.prefix";
        }
        String naming = config.get("topic.naming.strategy");
        if (naming != null && !SCHEMA_TABLE_NAMING.contains(naming.strip())) {
            return "topic.naming.strategy=" + naming.strip() + " names the topics";
        }
        String transforms = config.get("transforms");
        if (transforms != null) {
            for (String alias : transforms.split(",")) {
                String type = config.getOrDefault("transforms." + alias.strip() + ".type", "");
                String simple = type.substring(type.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                if (simple.contains("router") || simple.contains("topicname")) {
                    return "the source's transform " + alias.strip() + " (" + type + ") renames the topics";
                }
            }
        }
        return null;
    }

    private static Optional<Integer> intValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
