package io.cdclab.connect;

import io.cdclab.errors.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Closes a data-loss window of the Apache Iceberg sink (1.12) before its first start: every partition of the
 * control topic gets a committed offset in the coordinator's consumer group ({@code <connect group>-coord}).
 *
 * <p>Why: the coordinator reads the control topic with {@code auto.offset.reset=latest}. After a worker crash its
 * new consumer may wait many seconds for the dead member to leave the group, while the restarted task's commit
 * worker already answers commit requests, committing the data topic's offsets together with its DataWritten
 * events. Those events go to the control partition the worker's (new, random) producer key hashes to; if no
 * coordinator ever committed an offset there, the coordinator starts that partition at its end and never sees
 * them: the rows are in data files no snapshot references, and their Kafka offsets are already committed
 * (found by scenario F3). With an offset committed for every partition the coordinator resumes where it left
 * off on each of them. Offsets are only added for partitions that have none, at the partition's log start, and
 * only while the group has no members, so an existing pipeline's progress is never moved.
 */
public final class IcebergCoordinatorOffsets {
    private static final Logger LOG = LoggerFactory.getLogger(IcebergCoordinatorOffsets.class);
    private static final long TIMEOUT_SECONDS = 30;

    private IcebergCoordinatorOffsets() {
    }

    /** Whether {@code connector} is an Apache Iceberg sink (the only sink this applies to). */
    public static boolean isIcebergSink(ConnectorConfig connector) {
        return "org.apache.iceberg.connect.IcebergSinkConnector".equals(connector.connectorClass());
    }

    /** The coordinator's consumer group for a sink config, as the Iceberg sink derives it. */
    public static String coordinatorGroup(ConnectorConfig sink) {
        String connectGroup = sink.config().getOrDefault("iceberg.connect.group-id", "connect-" + sink.name());
        return connectGroup + "-coord";
    }

    /**
     * Creates the sink's control topic if it is missing (with {@code partitions}, the broker's replication factor) and commits the log start offset
     * of every partition that has no committed offset in the coordinator's group. Returns the partitions seeded.
     */
    public static int seed(String bootstrapServers, ConnectorConfig sink, int partitions) {
        String configured = sink.get("iceberg.control.topic");
        String topic = configured == null || configured.isBlank() ? "control-iceberg" : configured; // sink default
        String group = coordinatorGroup(sink);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createIfMissing(admin, topic, partitions);
            // A topic just created may be unknown to the broker's metadata for a moment (seen on the containers
            // backend: UnknownTopicOrPartitionException from listOffsets): retriable errors are tried again.
            AtomicInteger seeded = new AtomicInteger();
            Awaitility.await("the offsets of group " + group + " on control topic " + topic)
                    .atMost(Duration.ofSeconds(TIMEOUT_SECONDS)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> e instanceof ExecutionException
                            && e.getCause() instanceof RetriableException)
                    .until(() -> {
                        seeded.set(seedOnce(admin, sink, topic, group));
                        return true;
                    });
            return seeded.get();
        } catch (ConditionTimeoutException e) {
            Throwable last = e.getCause() == null ? e : e.getCause();
            throw new LabException("Could not prepare the Iceberg control topic " + topic + " and the offsets of group "
                    + group + " at " + bootstrapServers + " within " + TIMEOUT_SECONDS + " s: " + last.getMessage()
                    + ". Is Kafka reachable, and may this client create topics and alter group offsets?", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new LabException("Could not prepare the Iceberg control topic " + topic + " and the offsets of group "
                    + group + " at " + bootstrapServers + ": " + e.getMessage()
                    + ". Is Kafka reachable, and may this client create topics and alter group offsets?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while preparing the Iceberg control topic " + topic, e);
        }
    }

    private static int seedOnce(Admin admin, ConnectorConfig sink, String topic, String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (hasMembers(admin, group)) {
            return 0; // a coordinator is running: its offsets are its own
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> missing = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .filter(tp -> committed.get(tp) == null)
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
        if (missing.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        admin.listOffsets(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(group, start).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.info("sink {}: committed the start of {} control-topic partition(s) of {} for group {}", sink.name(),
                start.size(), topic, group);
        return start.size();
    }

    private static boolean hasMembers(Admin admin, String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return !admin.describeConsumerGroups(List.of(group)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(group).members().isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Creates a sink's control topic with {@code partitions} partitions before the sink starts (as production
     * should, and F3 needs: more partitions than the sink's default make a restarted task's events land on ones
     * the coordinator has not read). An existing topic is left as it is.
     */
    public static void createControlTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createIfMissing(admin, topic, partitions);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the control topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the control topic " + topic, e);
        }
    }

    private static void createIfMissing(Admin admin, String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
