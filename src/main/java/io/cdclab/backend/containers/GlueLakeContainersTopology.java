package io.cdclab.backend.containers;

import io.cdclab.gluelake.AwsApis;
import io.cdclab.gluelake.AwsSettings;
import io.cdclab.gluelake.EmulatedAccount;
import io.cdclab.gluelake.GlueLake;
import io.cdclab.gluelake.GlueLakeAccess;
import io.cdclab.topology.Topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A containers topology whose lake is Glue + S3 on the moto container ({@link MotoGlueLake}). Nothing is cleaned
 * up in Glue or S3 at the end: the account lives in the container, which is removed with the topology.
 */
final class GlueLakeContainersTopology extends ContainersTopology implements GlueLakeAccess {
    private final MotoGlueLake glue;

    GlueLakeContainersTopology(Topology topology, LabContainers containers, ContainersServices services,
                               LabSecrets secrets, MotoGlueLake glue, Map<String, Duration> startupTimes, Path logs) {
        super(topology, containers, services, secrets, new LakeParts(glue.catalog(topology.catalogName()),
                        glue.hostEndpoint(), glue.settings().runPrefix(), glue.account().adminCredentials(),
                        Optional.of(GlueLake.whyNoKeyRevocation("containers", true))),
                startupTimes, logs);
        this.glue = glue;
        glue.secrets().forEach(this::rememberSecrets);
    }

    @Override
    public Optional<EmulatedAccount> emulatedAccount() {
        return Optional.of(glue.account());
    }

    @Override
    public AwsApis apis() {
        return glue.account().admin();
    }

    @Override
    public AwsSettings settings() {
        return glue.settings();
    }

    @Override
    protected Map<String, String> moreEndpoints() {
        Map<String, String> e = new LinkedHashMap<>(super.moreEndpoints());
        e.put("AWS emulator (Glue, S3, STS, IAM)", glue.hostEndpoint() + " (moto container; " + glue.networkEndpoint()
                + " inside the network)");
        e.put("Sink role", glue.account().sinkRoleSummary());
        e.put("Clean-up", "none: the account, the Glue catalog and the files live in the moto container, removed at close");
        return e;
    }
}
