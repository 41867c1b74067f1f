package io.cdclab.topology;

import io.cdclab.errors.LabException;
import io.cdclab.lake.Lake;
import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.LabProfiles;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.settings.LabSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a pipeline needs, independent of where it runs: PostgreSQL 16, a KRaft Kafka node with topics of
 * {@link #kafkaPartitions()} partitions, a Connect worker with Debezium and the Iceberg sink, an object store and
 * an Iceberg catalog. {@link #start()} hands it to a {@link Backend} and returns the running topology.
 *
 * <pre>{@code
 * try (RunningTopology lab = Topology.builder().kafkaPartitions(6).build().start()) {
 *     Pipeline orders = lab.pipeline("orders").tables("public.orders").start();
 *     ...
 * }
 * }</pre>
 */
public final class Topology {
    private final int kafkaPartitions;
    private final Duration sinkCommitInterval;
    private final String catalogName;
    private final String bucket;
    private final String region;
    private final String sourceDatabase;
    private final LakeKind lake;
    private final int connectWorkers;
    private final SettingsProfile profile;
    private final boolean exactlyOnce;
    private final LabSettings settings;

    private Topology(Builder b) {
        // Read once here when the caller hands none in (a topology built by hand is an entry point).
        this.settings = b.settings != null ? b.settings : LabSettings.fromSystemProperties();
        this.kafkaPartitions = b.kafkaPartitions;
        this.sinkCommitInterval = b.sinkCommitInterval;
        this.catalogName = b.catalogName;
        this.bucket = b.bucket;
        this.region = b.region;
        this.sourceDatabase = b.sourceDatabase;
        this.lake = b.lake.resolve(settings);
        this.connectWorkers = b.connectWorkers;
        this.profile = b.profile.resolve(settings);
        this.exactlyOnce = b.exactlyOnce || LabProfiles.configured(settings).contains(ExactlyOnceProfile.NAME);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Partitions of every change-event topic Debezium creates. */
    public int kafkaPartitions() {
        return kafkaPartitions;
    }

    /** How often the Iceberg sink commits (iceberg.control.commit.interval-ms). */
    public Duration sinkCommitInterval() {
        return sinkCommitInterval;
    }

    public String catalogName() {
        return catalogName;
    }

    public String bucket() {
        return bucket;
    }

    public String region() {
        return region;
    }

    /** The application database Debezium captures. */
    public String sourceDatabase() {
        return sourceDatabase;
    }

    /** The lake's catalog: JDBC (default) or Glue; never {@link LakeKind#CONFIGURED}. */
    public LakeKind lake() {
        return lake;
    }

    /** Connect workers in the cluster (one group, one set of internal topics); 2 for scenario F9. */
    public int connectWorkers() {
        return connectWorkers;
    }

    /** The worker and connector settings: the lab's defaults or the {@link RecoveryProfile}; never CONFIGURED. */
    public SettingsProfile profile() {
        return profile;
    }

    /** Whether the Connect cluster runs exactly-once source support and Debezium requires it ({@link ExactlyOnceProfile}). */
    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** The run's {@code -Dlab.*} settings, read once; backends and pipelines read theirs from here. */
    public LabSettings labSettings() {
        return settings;
    }

    /** Starts on the backend chosen by {@code -Dlab.backend} (default {@code auto}) of {@link #labSettings()}. */
    public RunningTopology start() {
        return start(BackendChooser.onClasspath().choose(settings));
    }

    public RunningTopology start(Backend backend) {
        // Spark's session takes seconds to build and needs no server: build it while the servers start.
        if (connectWorkers > backend.maxConnectWorkers()) {
            throw new LabException("connectWorkers=" + connectWorkers + " cannot run on the " + backend.name()
                    + " backend: " + backend.whyOneConnectWorker() + " Use -Dlab.backend=embedded for a Connect cluster.");
        }
        Lake.warmUpInBackground();
        return backend.start(this);
    }

    @Override
    public String toString() {
        return "Topology[partitions=" + kafkaPartitions + ", commit=" + sinkCommitInterval.toMillis() + " ms, catalog="
                + catalogName + ", bucket=" + bucket + ", region=" + region + ", db=" + sourceDatabase + ", lake=" + lake.name().toLowerCase(Locale.ROOT)
                + (connectWorkers > 1 ? ", connect workers=" + connectWorkers : "") + ", profile=" + profile.label() + (exactlyOnce ? ", exactly-once" : "") + "]";
    }

    /** Builds a {@link Topology}; every setting has a default that works on one machine. */
    public static final class Builder {
        private int kafkaPartitions = 6;
        private Duration sinkCommitInterval = Duration.ofSeconds(1);
        private String catalogName = "lake";
        private String bucket = "lake";
        private String region = "us-east-1";
        private String sourceDatabase = "app";
        private LakeKind lake = LakeKind.CONFIGURED;
        private int connectWorkers = 1;
        private SettingsProfile profile = SettingsProfile.CONFIGURED;
        private boolean exactlyOnce;
        private LabSettings settings;

        /**
         * The run's settings ({@code -Dlab.lake}, {@code -Dlab.profile}, the backend's own, ...); when none is
         * handed in, {@link #build()} reads the system properties.
         */
        public Builder labSettings(LabSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Workers in the Connect cluster: 1 (default) or 2; the embedded backend runs two. */
        public Builder connectWorkers(int workers) {
            if (workers < 1 || workers > 2) {
                throw new LabException("connectWorkers must be 1 or 2, was " + workers + " (the lab's Connect cluster "
                        + "has at most two workers: enough to move tasks from a killed worker to a survivor).");
            }
            this.connectWorkers = workers;
            return this;
        }

        /** {@link SettingsProfile#RECOVERY} applies {@link RecoveryProfile}; CONFIGURED (default) reads -Dlab.profile. */
        public Builder profile(SettingsProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /** Exactly-once source support on every worker, required by Debezium ({@link ExactlyOnceProfile}). */
        public Builder exactlyOnce(boolean exactlyOnce) {
            this.exactlyOnce = exactlyOnce;
            return this;
        }

        public Builder kafkaPartitions(int partitions) {
            if (partitions < 1) {
                throw new LabException("kafkaPartitions must be at least 1, was " + partitions);
            }
            this.kafkaPartitions = partitions;
            return this;
        }

        public Builder sinkCommitInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new LabException("sinkCommitInterval must be positive, was " + interval);
            }
            this.sinkCommitInterval = interval;
            return this;
        }

        public Builder catalogName(String name) {
            this.catalogName = requireIdentifier("catalogName", name);
            return this;
        }

        public Builder bucket(String bucket) {
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new LabException("bucket '" + bucket + "' is not a valid S3 bucket name: use 3-63 lower-case "
                        + "letters, digits, dots and hyphens, starting and ending with a letter or digit.");
            }
            this.bucket = bucket;
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        public Builder sourceDatabase(String database) {
            this.sourceDatabase = requireIdentifier("sourceDatabase", database);
            return this;
        }

        /** The lake's catalog; {@link LakeKind#CONFIGURED} (the default) reads {@code -Dlab.lake}. */
        public Builder lake(LakeKind lake) {
            this.lake = Objects.requireNonNull(lake, "lake");
            return this;
        }

        public Topology build() {
            return new Topology(this);
        }

        static String requireIdentifier(String what, String value) {
            if (value == null || !value.matches("[a-z_][a-z0-9_]*")) {
                throw new LabException(what + " '" + value + "' must be a lower-case SQL identifier ([a-z_][a-z0-9_]*).");
            }
            return value;
        }
    }
}
