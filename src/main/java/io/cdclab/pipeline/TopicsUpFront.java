package io.cdclab.pipeline;

import io.cdclab.errors.LabException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the captured tables' topics before the sink starts, as Debezium would create them. Why: a sink that
 * subscribes by {@code topics.regex} finds topics created after its consumer started only at its next metadata
 * refresh ({@code metadata.max.age.ms}, five minutes by default), and sits RUNNING with nothing assigned until then.
 * Topics that exist already are left as they are.
 */
final class TopicsUpFront {
    private static final long TIMEOUT_SECONDS = 30;

    private TopicsUpFront() {
    }

    /** Creates the missing ones of {@code topics}; returns those it created. */
    static List<String> create(String bootstrapServers, CapturedTopics topics) {
        if (topics.topics().isEmpty()) {
            return List.of();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000))) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics.topics()) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(topics.partitions()), topics.replicationFactor())
                            .configs(topics.topicConfigs()));
                }
            }
            if (missing.isEmpty()) {
                return List.of();
            }
            CreateTopicsResult result = admin.createTopics(missing);
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> e : result.values().entrySet()) {
                try {
                    e.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;   // created meanwhile by Debezium: fine
                    }
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new LabException("Could not create the captured tables' topics " + topics.topics() + " ("
                    + topics.partitions() + " partitions) at " + bootstrapServers + " before starting the sink: " + cause
                    + ". The broker must accept CreateTopics from the lab (its topic configs: " + topics.topicConfigs()
                    + ", from the source's topic.creation.default.* settings).", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while creating the captured tables' topics.", e);
        }
    }
}
