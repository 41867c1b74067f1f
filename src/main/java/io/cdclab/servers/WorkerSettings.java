package io.cdclab.servers;

import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's Kafka Connect worker settings, defined once for every backend: the embedded worker writes them as
 * worker properties, the Connect container as its image's variables. Only what depends on where the worker runs
 * (addresses, listeners, plugin and secret paths, heap) stays with each backend. The profiles are applied here,
 * over the defaults, so that a profile reaches every worker however it runs.
 */
public final class WorkerSettings {
    public static final String GROUP_ID = "cdc-lab-connect";

    private WorkerSettings() {
    }

    /** The lab's worker settings with {@code topology}'s profiles applied: recovery, then exactly-once. */
    public static Map<String, String> of(Topology topology) {
        Map<String, String> p = defaults();
        if (topology.profile() == SettingsProfile.RECOVERY) {
            p.putAll(RecoveryProfile.workerSettings());
        }
        if (topology.exactlyOnce()) {
            p.putAll(ExactlyOnceProfile.workerSettings());
        }
        return p;
    }

    /** The lab's worker settings without any profile. */
    public static Map<String, String> defaults() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("group.id", GROUP_ID);
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("config.storage.topic", "connect-configs");
        p.put("offset.storage.topic", "connect-offsets");
        p.put("status.storage.topic", "connect-status");
        // One broker: every internal topic has one replica.
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "5");
        p.put("status.storage.partitions", "1");
        // Source offsets flushed every second (default 60 s): a restart replays a second of changes, not a minute.
        p.put("offset.flush.interval.ms", "1000");
        // Secrets in connector configs are ${env:VAR} references, resolved in the worker and never stored.
        p.put("config.providers", "env,file");
        p.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        // ${file:path:key}: secrets a connector restart re-reads, so keys rotate without bouncing the worker.
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        // Lets a connector set producer.override.* (e.g. a partitioner) for its own producer.
        p.put("connector.client.config.override.policy", "All");
        // A restarted worker gets its tasks back at once, and a killed sink's partitions move fast.
        p.put("scheduled.rebalance.max.delay.ms", "0");
        p.put("consumer.session.timeout.ms", "6000");
        p.put("consumer.heartbeat.interval.ms", "1000");
        // A stopping task gets 5 s to finish (default 5 s in Kafka, 10 s in Debezium's image): the same everywhere.
        p.put("task.shutdown.graceful.timeout.ms", "5000");
        return p;
    }
}
