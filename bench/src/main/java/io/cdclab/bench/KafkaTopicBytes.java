package io.cdclab.bench;

import io.cdclab.errors.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many bytes a topic takes on the broker's disk (its log segments, record batches as written: after the
 * producer's compression, with keys, headers and batch overhead), as the broker reports its log directories.
 */
final class KafkaTopicBytes {
    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopicBytes() {
    }

    static long of(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Collection<Node> brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(brokers.stream().map(Node::id).toList())
                    .allDescriptions().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long bytes = 0;
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription dir : byDir.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
                        if (r.getKey().topic().equals(topic)) {
                            bytes += r.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        } catch (ExecutionException | TimeoutException e) {
            throw new LabException("Kafka at " + bootstrapServers + " did not describe its log directories: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while reading topic " + topic + "'s size", e);
        }
    }
}
