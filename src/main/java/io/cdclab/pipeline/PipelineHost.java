package io.cdclab.pipeline;

import io.cdclab.connect.ConnectClient;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.settings.LabSettings;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link Pipeline} needs from where it runs. Every running topology is one; the pipeline depends on this
 * alone, not on the topology (its services, faults, lake, or {@code Topology.start()}), so the topology can offer
 * pipelines without a dependency cycle.
 */
public interface PipelineHost {

    /** Partitions of each topic the pipeline's connectors create. */
    int kafkaPartitions();

    /** How often the Iceberg sink commits. */
    Duration sinkCommitInterval();

    /** The run's settings: {@code -Dlab.converter} and {@code -Dlab.profile} set every pipeline's defaults. */
    default LabSettings labSettings() {
        return LabSettings.none();
    }

    /** The worker and connector settings profile; the recovery profile adds its connector settings. */
    default SettingsProfile settingsProfile() {
        return SettingsProfile.DEFAULT;
    }

    /** Whether the Connect cluster runs exactly-once source support, which Debezium's config then requires. */
    default boolean exactlyOnce() {
        return false;
    }

    /** The application database, logged in as the role Debezium uses. */
    SourceDatabase source();

    /**
     * The same database as the Connect worker reaches it (host and port may differ from {@link #source()}, e.g.
     * a network alias on the containers backend). Debezium's connector config uses this one.
     */
    default SourceDatabase sourceForConnect() {
        return source();
    }

    String kafkaBootstrapServers();

    ConnectClient connect();

    CatalogSpec catalog();

    /**
     * The tables in the catalog now, as Spark SQL names them ({@code catalog.namespace.table}), at most
     * {@code limit}: for a message that says what is there. A host that reads no lake cannot list them.
     */
    default List<String> catalogTables(int limit) {
        throw new UnsupportedOperationException("this host reads no lake");
    }

    /**
     * Creates {@code namespace} ({@code catalog.a.b}, as Spark SQL names it) in the lake's catalog unless it exists.
     * A host that reads no lake leaves it to the sink.
     */
    default void createNamespaceIfMissing(String namespace) {
    }

    /**
     * The schema registry's v2-compatible API ({@code http://host:port/apis/registry/v2}) for Avro pipelines, started
     * on first call where the topology can start one.
     */
    default String schemaRegistryUrl() {
        throw new LabException("This topology offers no schema registry, so no pipeline on it can use Avro.");
    }

    /** Whether {@link #schemaRegistryUrl()} can work here (the embedded backend, with a Java 21+ found). */
    default boolean offersSchemaRegistry() {
        return false;
    }
}
