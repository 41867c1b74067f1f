package io.cdclab.topology;

import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.pipeline.PipelineHost;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.settings.LabSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A started {@link Topology}: endpoints, clients, the lake as Spark SQL reads it, and the services themselves for
 * fault scenarios. Closing it stops everything the backend started.
 */
public interface RunningTopology extends PipelineHost, AutoCloseable {

    String backend();

    Topology topology();

    @Override
    default int kafkaPartitions() {
        return topology().kafkaPartitions();
    }

    @Override
    default Duration sinkCommitInterval() {
        return topology().sinkCommitInterval();
    }

    /** The run's {@code -Dlab.*} settings, as the topology was started with them. */
    @Override
    default LabSettings labSettings() {
        return topology().labSettings();
    }

    @Override
    default SettingsProfile settingsProfile() {
        return topology().profile();
    }

    ObjectStore objectStore();

    /** Spark SQL over this topology's catalog and object store. */
    Lake lake();

    @Override
    default List<String> catalogTables(int limit) {
        return lake().tableNames(limit);
    }

    @Override
    default void createNamespaceIfMissing(String namespace) {
        lake().sql("CREATE NAMESPACE IF NOT EXISTS " + namespace);
    }

    /** The services by name ("postgres", "kafka", "connect", "s3"), for kill and restart. */
    Map<String, Service> services();

    default Service service(String name) {
        Service service = services().get(name);
        if (service == null) {
            throw new LabException("No service '" + name + "' in this topology; it has " + services().keySet());
        }
        return service;
    }

    /** How long each service took to become ready, and the whole topology ("total"). */
    Map<String, Duration> startupTimes();

    /** Everything a person needs to connect by hand: JDBC URL, bootstrap servers, Connect URL, S3, catalog. */
    Map<String, String> endpoints();

    /** Environment variables the Connect worker holds (names only): the secrets a fixture may reference. */
    List<String> workerSecretVariables();

    /** Fault controls for credential scenarios; backends without them throw {@link UnsupportedOperationException}. */
    default Faults faults() {
        throw new UnsupportedOperationException("The " + backend() + " backend has no fault controls (credential "
                + "expiry, worker restart with a new environment); run the fault scenarios on -Dlab.backend=embedded.");
    }

    /**
     * Every secret this run handed to a server so far (database passwords, object-store secret keys, old and
     * new), so a test can prove none of them leaked. Never print them.
     */
    default List<Secret> secretsInUse() {
        throw new UnsupportedOperationException("The " + backend() + " backend does not list its secrets.");
    }

    /** The folder holding the servers' log files, where the backend writes them locally. */
    default Optional<Path> logDirectory() {
        return Optional.empty();
    }

    @Override
    default boolean exactlyOnce() {
        return topology().exactlyOnce();
    }

    /** Describes a source and sink pair for some tables; {@link Pipeline.Builder#start()} registers them. */
    default Pipeline.Builder pipeline(String id) {
        return Pipeline.builder(this, id);
    }

    @Override
    void close();
}
