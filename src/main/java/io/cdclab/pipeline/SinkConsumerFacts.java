package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a sink connector's consumer group holds now, read with Kafka's Admin client, for a wait on the lake that
 * timed out: its members, the partitions assigned to them, and the topics its subscription matches. It names the
 * case that looks like nothing at all (a RUNNING sink, a silent log): a {@code topics.regex} consumer with no
 * partitions although matching topics exist, which is waiting for its next metadata refresh.
 */
public final class SinkConsumerFacts {
    /** Kafka's consumer default for {@code metadata.max.age.ms}: five minutes. */
    public static final long DEFAULT_METADATA_MAX_AGE_MS = 300_000;
    private static final long TIMEOUT_SECONDS = 10;
    private static final int LISTED = 8;

    private SinkConsumerFacts() {
    }

    /** The consumer group Kafka Connect gives a sink connector: {@code connect-<name>}, unless overridden. */
    public static String group(ConnectorConfig sink) {
        String override = sink.get("consumer.override.group.id");
        return override != null && !override.isBlank() ? override : "connect-" + sink.name();
    }

    /** One paragraph of facts and, where they show the metadata wait, its cause and fix; never throws. */
    public static String describe(String bootstrapServers, ConnectorConfig sink) {
        String group = group(sink);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Set<String> topics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Set<TopicPartition> assigned = new HashSet<>();
            for (MemberDescription member : description.members()) {
                assigned.addAll(member.assignment().topicPartitions());
            }
            return describe(sink, group, description.members().size(), String.valueOf(description.groupState()),
                    assigned.size(), topics);
        } catch (Exception e) {
            return "The lab could not describe the sink's consumer group " + group + ": " + e;
        }
    }

    /** The text for facts already read: testable without a broker. */
    static String describe(ConnectorConfig sink, String group, int members, String state, int assignedPartitions,
                           Set<String> topics) {
        String regex = sink.get("topics.regex");
        Set<String> matching = new TreeSet<>();
        String subscription;
        if (regex != null && !regex.isBlank()) {
            subscription = "topics.regex=" + regex;
            try {
                Pattern pattern = Pattern.compile(regex);
                topics.stream().filter(t -> pattern.matcher(t).matches()).forEach(matching::add);
            } catch (PatternSyntaxException e) {
                return "The sink's topics.regex=" + regex + " is no valid regular expression: " + e.getDescription() + ".";
            }
        } else {
            String list = sink.get("topics") == null ? "" : sink.get("topics");
            subscription = "topics=" + list;
            Arrays.stream(list.split(",")).map(String::strip).filter(topics::contains).forEach(matching::add);
        }
        String found = "The sink's consumer group " + group + " has " + members + " member(s) (state " + state + ") and "
                + assignedPartitions + " partition(s) assigned; " + matching.size() + " topic(s) match " + subscription
                + listed(matching) + ".";
        if (members == 0) {
            return found + " No sink task is consuming: check the sink connector's and its tasks' status.";
        }
        if (assignedPartitions == 0 && !matching.isEmpty() && regex != null && !regex.isBlank()) {
            String age = sink.get("consumer.override.metadata.max.age.ms");
            return "The sink's consumer group " + group + " has no partitions assigned although " + matching.size()
                    + " topic(s) match " + subscription + listed(matching) + " (" + members + " member(s), state " + state
                    + "). Likely cause: a regex subscription sees topics created after its consumer started only at its "
                    + "next metadata refresh, every metadata.max.age.ms ("
                    + (age == null ? DEFAULT_METADATA_MAX_AGE_MS + " ms, 5 min, Kafka's default, unless the worker sets "
                    + "consumer.metadata.max.age.ms" : age + " ms, consumer.override.metadata.max.age.ms") + "). Fix: set "
                    + "consumer.override.metadata.max.age.ms=5000 on the sink (the worker must allow client overrides: "
                    + "connector.client.config.override.policy=All), or create the topics before the sink starts.";
        }
        return found;
    }

    private static String listed(Set<String> topics) {
        if (topics.isEmpty()) {
            return "";
        }
        List<String> names = topics.stream().limit(LISTED).toList();
        return " (" + String.join(", ", names) + (topics.size() > LISTED ? ", ..." : "") + ")";
    }
}
