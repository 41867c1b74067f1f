package io.cdclab.profiles;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Worker and connector settings that bound how long the pipeline takes to recover from a fault (F3 worker
 * kill -9, F4 broker restart, F5 PostgreSQL restart, F9 a worker of two killed), applied together by one switch:
 * {@code @CdcLab(profile = SettingsProfile.RECOVERY)}, {@code Topology.builder().profile(...)} or
 * {@code -Dlab.profile=recovery}. Each setting says what it bounds; the measured effect is in docs/FINDINGS.md
 * ("Recovery profile") and in {@code target/bench/recovery.md} ({@code -Dbench.suite=recovery}).
 *
 * <p>These are the Kafka/Connect/Debezium/Iceberg properties a team sets in its own worker and connector configs;
 * nothing here is lab-specific.
 */
public final class RecoveryProfile {

    private RecoveryProfile() {
    }

    /** Connect worker properties (worker.properties / CONNECT_* variables). */
    public static Map<String, String> workerSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        // The worker group's failure detector: a worker killed with kill -9 stays a member, holding its tasks,
        // until no heartbeat came for this long (default 10 s). Bounds when its tasks move to another worker (F9)
        // or when a restarted worker's rejoin completes (F3).
        p.put("session.timeout.ms", "6000");
        // A third of the session timeout or less (default 3 s), so that a live worker is never taken for dead.
        p.put("heartbeat.interval.ms", "1000");
        // How long a rebalance waits for every member to rejoin (default 60 s); a member that died mid-rebalance
        // holds it up for this long.
        p.put("rebalance.timeout.ms", "15000");
        // Incremental cooperative rebalancing keeps a departed worker's tasks unassigned for up to this long
        // (default 5 min), hoping it comes back. The lab's defaults already set 0; the profile says it too.
        p.put("scheduled.rebalance.max.delay.ms", "0");
        // Each sink task's consumer group: a killed task's partitions move once its session expires (default 45 s).
        p.put("consumer.session.timeout.ms", "6000");
        p.put("consumer.heartbeat.interval.ms", "1000");
        return p;
    }

    /** Iceberg sink connector properties. */
    public static Map<String, String> sinkSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        // The sink's own control-topic consumers (the coordinator's, in group <connect group>-coord, and each
        // task's) take iceberg.kafka.*, not the worker's consumer.* settings. A coordinator killed with its worker
        // stays a member of <connect group>-coord until its session expires (default 45 s); until then the new
        // coordinator's consumer is assigned no control partition and no commit completes (F3, F9).
        p.put("iceberg.kafka.session.timeout.ms", "6000");
        p.put("iceberg.kafka.heartbeat.interval.ms", "1000");
        // How long the coordinator waits for every task's DataWritten answer before it commits what it has
        // (default 30 s; the lab's fixtures 5 s): the first commit after a restart or a rebalance waits this long
        // for a task that is not running yet, and F3's log showed such 5 s waits ("committed to 0 table(s)").
        // Shorter only means a partial commit; the rest follows in the next one.
        p.put("iceberg.control.commit.timeout-ms", "2000");
        return p;
    }

    /** Debezium PostgreSQL connector properties. */
    public static Map<String, String> sourceSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        // After PostgreSQL restarts, Debezium's task fails with a retriable error and Connect restarts it after
        // this wait (default 10 s) (F5).
        p.put("retriable.restart.connector.wait.ms", "1000");
        return p;
    }
}
