package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.errors.LabException;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.StartupTimes;
import io.cdclab.topology.Topology;
import io.cdclab.util.Ports;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded backend's Glue lake: moto_server as the AWS account (Glue, S3, STS, IAM, auth enforced), set up by
 * {@link EmulatedAccount}; the Connect worker holds an STS session of the sink's role in its AWS_* variables, as
 * the seed's docker-compose passes it. Then the same start as the aws backend ({@link GlueLakeTopology}).
 */
public final class EmulatedGlueLake {
    private EmulatedGlueLake() {
    }

    public static RunningTopology start(Topology topology, Path runDir) {
        StartupTimes times = new StartupTimes();
        MotoServer moto = new MotoServer(MotoServer.require(topology.labSettings()), Ports.free(),
                runDir.resolve("logs/moto.log"));
        times.start(moto);
        try {
            AwsSettings settings = AwsSettings.emulated(topology.bucket(), topology.region(),
                    topology.labSettings().keep());
            EmulatedAccount account = EmulatedAccount.provision(moto, settings, SinkPolicy.minimal());
            AwsCredentials session = account.issueSinkSession();
            var parts = new GlueLakeTopology.Account("embedded", account.admin(),
                    Optional.of(account.adminCredentials()), account.adminCredentials(), session, Optional.of(moto),
                    Optional.of(account), Map.of());
            return GlueLakeTopology.start(topology, settings, parts, runDir, times);
        } catch (RuntimeException e) {
            moto.stop();
            throw e instanceof LabException ? e : new LabException("The Glue lake on moto_server failed to start: " + e, e);
        }
    }
}
