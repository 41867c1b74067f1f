package io.cdclab.profiles;

import io.cdclab.util.PropertiesResource;

import java.util.Map;

/**
 * Worker and connector settings that bound how long the pipeline takes to recover from a fault (F3 worker
 * kill -9, F4 broker restart, F5 PostgreSQL restart, F9 a worker of two killed), applied together by one switch:
 * {@code @CdcLab(profile = SettingsProfile.RECOVERY)}, {@code Topology.builder().profile(...)} or
 * {@code -Dlab.profile=recovery}. Each setting says what it bounds; the measured effect is in docs/FINDINGS.md
 * ("Recovery profile") and in {@code target/bench/recovery.md} ({@code -Dbench.suite=recovery}).
 *
 * <p>These are the Kafka/Connect/Debezium/Iceberg properties a team sets in its own worker and connector configs;
 * nothing here is lab-specific. They stand, each with what it bounds, in {@code recovery-worker.properties},
 * {@code recovery-sink.properties} and {@code recovery-source.properties} beside this class
 * (src/main/resources/io/cdclab/profiles/).
 */
public final class RecoveryProfile {

    private RecoveryProfile() {
    }

    /** Connect worker properties (worker.properties / CONNECT_* variables). */
    public static Map<String, String> workerSettings() {
        return PropertiesResource.read(RecoveryProfile.class, "recovery-worker.properties");
    }

    /** Iceberg sink connector properties. */
    public static Map<String, String> sinkSettings() {
        return PropertiesResource.read(RecoveryProfile.class, "recovery-sink.properties");
    }

    /** Debezium PostgreSQL connector properties. */
    public static Map<String, String> sourceSettings() {
        return PropertiesResource.read(RecoveryProfile.class, "recovery-source.properties");
    }
}
