package io.cdclab.topology;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.lake.JdbcCatalogSetup;
import io.cdclab.lake.Lake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every backend's running topology does the same way: the accessors for what it was started with, the lake
 * opened on first use (and again after the store's keys changed), the endpoints a person connects with, the
 * secrets handed to servers, and closing once. A backend adds where its parts are and how they stop.
 */
public abstract class AbstractRunningTopology implements RunningTopology {
    private final String backend;
    private final Topology topology;
    private final Map<String, Duration> startupTimes;
    private final List<Secret> secretsInUse = new CopyOnWriteArrayList<>();
    private Lake lake;
    private boolean closed;

    protected AbstractRunningTopology(String backend, Topology topology, Map<String, Duration> startupTimes) {
        this.backend = backend;
        this.topology = topology;
        // A copy in the order the backend gave: reports list the services the way they were started.
        this.startupTimes = Collections.unmodifiableMap(new LinkedHashMap<>(startupTimes));
    }

    /**
     * For a backend that just started {@code running}: initialises its catalog before any pipeline can start
     * ({@link JdbcCatalogSetup#initialise}; a Glue lake needs nothing) and stops the topology if that fails, so that
     * no servers are left running. Returns {@code running}.
     */
    public static <T extends RunningTopology> T withCatalogReady(T running) {
        try {
            JdbcCatalogSetup.initialise(running.catalog());
            return running;
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final Topology topology() {
        return topology;
    }

    @Override
    public final Map<String, Duration> startupTimes() {
        return startupTimes;
    }

    @Override
    public final synchronized Lake lake() {
        if (lake == null) {
            lake = Lake.open(catalog(), objectStore());
        }
        return lake;
    }

    /**
     * The next {@link #lake()} opens a new Spark session with the current {@link #objectStore()}: a Spark catalog
     * keeps the clients (and keys) it was built with. For a backend's fault controls, after a key rotation.
     */
    public final synchronized void reopenLake() {
        lake = null;
    }

    /** Notes secrets this run handed to a server, so {@link #secretsInUse()} can list them. */
    public final void rememberSecrets(Secret... secrets) {
        secretsInUse.addAll(List.of(secrets));
    }

    /** Notes the secret parts of AWS credentials handed to a server or worker: the secret key and session token. */
    public final void rememberSecrets(AwsCredentials credentials) {
        rememberSecrets(credentials.secretAccessKey());
        credentials.sessionToken().ifPresent(this::rememberSecrets);
    }

    /**
     * Notes the secret values among AWS variables handed to a worker (the key id and region are not secret), e.g.
     * a fresh STS session a restarted worker gets.
     */
    public final void rememberEnvironmentSecrets(Map<String, String> environment) {
        for (String name : List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            String value = environment.get(name);
            if (value != null) {
                rememberSecrets(Secret.of(value));
            }
        }
    }

    /** The remembered secrets; a backend that remembers none does not claim a (vacuously clean) empty list. */
    @Override
    public List<Secret> secretsInUse() {
        if (secretsInUse.isEmpty()) {
            return RunningTopology.super.secretsInUse();
        }
        return List.copyOf(secretsInUse);
    }

    @Override
    public final Map<String, String> endpoints() {
        Map<String, String> e = new LinkedHashMap<>();
        SourceDatabase source = source();
        e.put("PostgreSQL JDBC URL", source.jdbcUrl() + " (user " + source.user() + ")");
        e.put("Kafka bootstrap servers", kafkaBootstrapServers());
        e.put("Kafka Connect REST", connect().baseUri().toString());
        e.put("S3", objectStore().summary());
        e.put("Iceberg catalog", catalog().summary());
        e.putAll(moreEndpoints());
        logDirectory().map(Path::toString).ifPresent(logs -> e.put("Logs", logs));
        return e;
    }

    /** What this backend adds to {@link #endpoints()} (images, clean-up, addresses inside a network). */
    protected Map<String, String> moreEndpoints() {
        return Map.of();
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutDown();
    }

    /** Stops (or, for an existing cluster, cleans up) what this backend started; called once. */
    protected abstract void shutDown();
}
