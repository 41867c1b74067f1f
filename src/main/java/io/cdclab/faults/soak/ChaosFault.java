package io.cdclab.faults.soak;

import io.cdclab.connect.SinkCoordinatorLocation;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.errors.LabException;
import io.cdclab.topology.Faults;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Optional;

/**
 * The faults the soak injects, each as production meets it. Each one is a single action; what heals it is the
 * pipeline itself plus the operator's one rule (restart what is FAILED), never a step that knows the fault.
 */
public enum ChaosFault {
    CONNECT_WORKER_KILL("Connect worker kill -9, started again",
            (lab, pipeline) -> killAndStart(lab.service("connect"))),
    KAFKA_BROKER_RESTART("Kafka broker restarted", (lab, pipeline) -> restart(lab.service("kafka"))),
    POSTGRES_RESTART("PostgreSQL restarted (clean shutdown)", (lab, pipeline) -> restart(lab.service("postgres"))),
    POSTGRES_KILL("PostgreSQL postmaster kill -9, started again (crash recovery)",
            (lab, pipeline) -> killAndStart(lab.service("postgres"))),
    CREDENTIAL_ROTATION("object-store key revoked; the sidecar writes the new one to the worker's credentials file",
            (lab, pipeline) -> {
                AwsCredentials fresh = lab.faults().expireObjectStoreCredentials();
                lab.faults().writeSharedCredentialsFile(fresh);
                return Injection.NOTHING;
            }) {
        @Override
        Optional<String> unavailableOn(RunningTopology lab) {
            return lab.faults().missingCapability(Faults.Capability.EXPIRE_OBJECT_STORE_CREDENTIALS)
                    .or(() -> lab.faults().missingCapability(Faults.Capability.WORKER_SECRET_FILES));
        }
    },
    SINK_TASK_RESTART("the sink connector and its tasks restarted through the REST API", (lab, pipeline) -> {
        lab.connect().restart(pipeline.sinkName(), true, false);
        return Injection.NOTHING;
    }),
    COORDINATOR_WORKER_LEAVES("the worker of two that runs the sink's coordinator kill -9; it rejoins once the other "
            + "has taken over", (lab, pipeline) -> {
        SinkCoordinatorLocation where = awaitCoordinator(lab, pipeline.sinkName());
        Service worker = lab.faults().connectWorker(where.workerId());
        worker.kill();
        return worker::start;
    }) {
        @Override
        Optional<String> unavailableOn(RunningTopology lab) {
            return lab.topology().connectWorkers() < 2
                    ? Optional.of("needs a Connect cluster of two workers (@CdcLab(connectWorkers = 2))")
                    : Optional.empty();
        }
    };

    /** How long a fault that needs the sink's coordinator waits for its group to settle after the last fault. */
    private static final Duration COORDINATOR_WAIT = Duration.ofSeconds(60);

    private final String description;
    private final Injection injection;

    ChaosFault(String description, Injection injection) {
        this.description = description;
        this.injection = injection;
    }

    public String description() {
        return description;
    }

    /** Injects the fault; returns what to do once the pipeline has recovered (e.g. let a killed worker rejoin). */
    Runnable inject(RunningTopology lab, SoakPipeline pipeline) {
        return injection.inject(lab, pipeline);
    }

    /**
     * Where the sink's coordinator runs. Right after another fault the sink's consumer group may be rebalancing and
     * hold no partition for a few seconds (a worker that rejoined, a restarted task): the fault waits for the group
     * to settle, as an operator's would, rather than fail the soak.
     */
    private static SinkCoordinatorLocation awaitCoordinator(RunningTopology lab, String sink) {
        try {
            return Awaitility.await("the sink " + sink + "'s consumer group to hold its partitions again")
                    .atMost(COORDINATOR_WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> SinkCoordinatorLocation.find(lab.kafkaBootstrapServers(), lab.connect(), sink),
                            Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new LabException("The sink " + sink + " has had no coordinator for " + COORDINATOR_WAIT.toSeconds()
                    + " s (its consumer group holds no partition): is its task RUNNING? " + lab.connect().status(sink), e);
        }
    }

    private static Runnable killAndStart(Service service) {
        service.kill();
        service.start();
        return Injection.NOTHING;
    }

    private static Runnable restart(Service service) {
        service.restart();
        return Injection.NOTHING;
    }

    /** One fault's action, and what follows it once the pipeline has recovered. */
    @FunctionalInterface
    private interface Injection {
        /** The follow-up of a fault that needs none (here, not in the enum: a constant cannot name a later field). */
        Runnable NOTHING = () -> { };

        Runnable inject(RunningTopology lab, SoakPipeline pipeline);
    }

    /** Why {@code lab}'s backend cannot inject this fault, or empty when it can. */
    Optional<String> unavailableOn(RunningTopology lab) {
        return Optional.empty();
    }

    /** The pipeline's names a fault may need. */
    public record SoakPipeline(String sourceName, String sinkName) {
    }
}
