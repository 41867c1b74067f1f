package io.cdclab.profiles;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka Connect's exactly-once source support (KIP-618) end to end: the workers write a source task's records and
 * its offsets in one Kafka transaction, Debezium requires it, and the sink reads only committed records. Switched
 * on for a whole topology ({@code @CdcLab(exactlyOnce = true)}, {@code Topology.builder().exactlyOnce(true)} or
 * {@code -Dlab.profile=exactly-once}), because every worker of the cluster must run with it from its start.
 *
 * <p>These are the settings a team puts in its own worker and connector configs; nothing here is lab-specific.
 */
public final class ExactlyOnceProfile {
    public static final String NAME = "exactly-once";

    private ExactlyOnceProfile() {
    }

    /** Connect worker properties. */
    public static Map<String, String> workerSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        // The worker's source tasks commit records and offsets atomically (needs a cluster whose workers all say so;
        // "preparing" is only the step of a rolling upgrade).
        p.put("exactly.once.source.support", "enabled");
        // Sink tasks (the Iceberg sink's consumer) must not read records of transactions the source aborted, e.g. a
        // batch in flight when its worker was killed: read_uncommitted, Kafka's default, would sink them and the
        // re-sent batch again.
        p.put("consumer.isolation.level", "read_committed");
        return p;
    }

    /** Debezium PostgreSQL connector properties. */
    public static Map<String, String> sourceSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        // Refuse to start on a worker without exactly-once support rather than silently deliver at least once.
        p.put("exactly.once.support", "required");
        // One transaction per poll() batch (Connect's default), stated: the offsets go with the records they follow.
        p.put("transaction.boundary", "poll");
        return p;
    }
}
