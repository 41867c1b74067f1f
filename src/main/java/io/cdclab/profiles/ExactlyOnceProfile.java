package io.cdclab.profiles;

import io.cdclab.util.PropertiesResource;

import java.util.Map;

/**
 * Kafka Connect's exactly-once source support (KIP-618) end to end: the workers write a source task's records and
 * its offsets in one Kafka transaction, Debezium requires it, and the sink reads only committed records. Switched
 * on for a whole topology ({@code @CdcLab(exactlyOnce = true)}, {@code Topology.builder().exactlyOnce(true)} or
 * {@code -Dlab.profile=exactly-once}), because every worker of the cluster must run with it from its start.
 *
 * <p>These are the settings a team puts in its own worker and connector configs; nothing here is lab-specific. They
 * stand, each with why, in {@code exactly-once-worker.properties} and {@code exactly-once-source.properties} beside
 * this class (src/main/resources/io/cdclab/profiles/).
 */
public final class ExactlyOnceProfile {
    public static final String NAME = "exactly-once";

    private ExactlyOnceProfile() {
    }

    /** Connect worker properties. */
    public static Map<String, String> workerSettings() {
        return PropertiesResource.read(ExactlyOnceProfile.class, "exactly-once-worker.properties");
    }

    /** Debezium PostgreSQL connector properties. */
    public static Map<String, String> sourceSettings() {
        return PropertiesResource.read(ExactlyOnceProfile.class, "exactly-once-source.properties");
    }
}
