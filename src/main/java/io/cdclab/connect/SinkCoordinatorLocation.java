package io.cdclab.connect;

import io.cdclab.errors.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an Iceberg sink's commit coordinator runs. The sink (1.12) elects the task whose consumer holds the first
 * partition of the first topic, ordered by topic name then partition; Connect names each task's consumer
 * {@code connector-consumer-<connector>-<task>} in the sink's group ({@code connect-<connector>}), and its REST
 * status names the worker that runs the task.
 *
 * @param task     the task id running the coordinator
 * @param workerId the worker running that task, as Connect's status names it ({@code host:port})
 * @param partition the partition that made it coordinator
 */
public record SinkCoordinatorLocation(int task, String workerId, TopicPartition partition) {
    private static final Pattern TASK_CLIENT = Pattern.compile("connector-consumer-(.+)-(\\d+)");

    /** Empty while the sink's group has no stable assignment (e.g. mid-rebalance). */
    public static Optional<SinkCoordinatorLocation> find(String bootstrapServers, ConnectClient connect, String sink) {
        String group = "connect-" + sink;
        ConsumerGroupDescription description;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            description = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
        } catch (Exception e) {
            throw new LabException("Could not describe the sink's consumer group " + group + ": " + e, e);
        }
        Optional<Map.Entry<TopicPartition, MemberDescription>> first = description.members().stream()
                .flatMap(m -> m.assignment().topicPartitions().stream().map(tp -> Map.entry(tp, m)))
                .min(Comparator.comparing((Map.Entry<TopicPartition, MemberDescription> e) -> e.getKey().topic())
                        .thenComparingInt(e -> e.getKey().partition()));
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = TASK_CLIENT.matcher(first.get().getValue().clientId());
        if (!m.matches() || !m.group(1).equals(sink)) {
            throw new LabException("Member " + first.get().getValue().clientId() + " of " + group
                    + " is not named like a Connect task's consumer (connector-consumer-" + sink + "-<task>)");
        }
        int task = Integer.parseInt(m.group(2));
        return connect.status(sink).tasks().stream().filter(t -> t.id() == task).findFirst()
                .map(t -> new SinkCoordinatorLocation(task, t.workerId(), first.get().getKey()));
    }
}
