package io.cdclab.faults.soak;

import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.Faults;
import io.cdclab.topology.RunningTopology;

import java.util.Optional;

/**
 * The faults the soak injects, each as production meets it. Each one is a single action; what heals it is the
 * pipeline itself plus the operator's one rule (restart what is FAILED), never a step that knows the fault.
 */
public enum ChaosFault {
    CONNECT_WORKER_KILL("Connect worker kill -9, started again") {
        @Override
        void inject(RunningTopology lab, SoakPipeline pipeline) {
            lab.service("connect").kill();
            lab.service("connect").start();
        }
    },
    KAFKA_BROKER_RESTART("Kafka broker restarted") {
        @Override
        void inject(RunningTopology lab, SoakPipeline pipeline) {
            lab.service("kafka").restart();
        }
    },
    POSTGRES_RESTART("PostgreSQL restarted (clean shutdown)") {
        @Override
        void inject(RunningTopology lab, SoakPipeline pipeline) {
            lab.service("postgres").restart();
        }
    },
    POSTGRES_KILL("PostgreSQL postmaster kill -9, started again (crash recovery)") {
        @Override
        void inject(RunningTopology lab, SoakPipeline pipeline) {
            lab.service("postgres").kill();
            lab.service("postgres").start();
        }
    },
    CREDENTIAL_ROTATION("object-store key revoked; the sidecar writes the new one to the worker's credentials file") {
        @Override
        void inject(RunningTopology lab, SoakPipeline pipeline) {
            AwsCredentials fresh = lab.faults().expireObjectStoreCredentials();
            lab.faults().writeSharedCredentialsFile(fresh);
        }

        @Override
        Optional<String> unavailableOn(RunningTopology lab) {
            return lab.faults().missingCapability(Faults.Capability.EXPIRE_OBJECT_STORE_CREDENTIALS)
                    .or(() -> lab.faults().missingCapability(Faults.Capability.WORKER_SECRET_FILES));
        }
    },
    SINK_TASK_RESTART("the sink connector and its tasks restarted through the REST API") {
        @Override
        void inject(RunningTopology lab, SoakPipeline pipeline) {
            lab.connect().restart(pipeline.sinkName(), true, false);
        }
    };

    private final String description;

    ChaosFault(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    abstract void inject(RunningTopology lab, SoakPipeline pipeline);

    /** Why {@code lab}'s backend cannot inject this fault, or empty when it can. */
    Optional<String> unavailableOn(RunningTopology lab) {
        return Optional.empty();
    }

    /** The pipeline's names a fault may need. */
    public record SoakPipeline(String sourceName, String sinkName) {
    }
}
