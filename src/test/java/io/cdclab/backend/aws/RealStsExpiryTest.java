package io.cdclab.backend.aws;

import io.cdclab.settings.LabSettings;
import io.cdclab.connect.ConnectorState;
import io.cdclab.faults.ChangelogAudit;
import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.WriteLoad;
import io.cdclab.gluelake.ExpiredSession;
import io.cdclab.gluelake.StsRunSettings;
import io.cdclab.gluelake.StsSessions;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in real-STS run (issue 6): the sink writes with a 15-minute STS session under a continuous write load;
 * when AWS stops accepting it the run records what the sink reports (real AWS says ExpiredToken, which the lab's own
 * stores cannot), then rotates to a fresh session the seed's way and proves every insert arrived. Runs only with
 * {@code -Paws -Dlab.aws.sts=true} and AWS credentials in the environment; otherwise reported as skipped.
 */
@RequiresRealSts
class RealStsExpiryTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String TABLE = "public.sts_events";

    @Test
    void stsSessionExpiresUnderLoad_sinkReportsExpiredToken_aFreshSessionBringsEveryInsertBack() {
        LabSettings run = LabSettings.fromSystemProperties();
        StsRunSettings sts = StsRunSettings.from(run);
        AwsBackend backend = AwsBackend.from(run);
        boolean callerHasSession = backend.credentials().sessionToken().isPresent();
        try (StsClient client = StsClient.builder().region(Region.of(backend.settings().region())).build()) {
            StsSessions.Session first = StsSessions.issue(client, sts, callerHasSession);
            try (RunningTopology lab = Topology.builder().kafkaPartitions(3).build()
                    .start(backend.withWorkerCredentials(first.credentials()))) {
                WriteLoad.createTable(lab.source(), TABLE);
                Pipeline pipeline = lab.pipeline("sts").tables(TABLE)
                        // Few S3 retries: the time to detect is then the session's end, not the SDK's back-off.
                        .sinkConfig("iceberg.catalog.s3.retry.num-retries", "1")
                        .sinkConfig("iceberg.catalog.s3.retry.max-wait-ms", "2000")
                        .start();
                String table = pipeline.icebergTable(TABLE);
                String sink = pipeline.sink().name();
                try (WriteLoad load = WriteLoad.start(lab.source(), TABLE, Duration.ofMillis(500))) {
                    long before = load.awaitCommitted(20, TIMEOUT);
                    ChangelogAudit.awaitDelivered(lab.lake(), table, before, TIMEOUT);

                    Duration untilExpiry = Duration.between(Instant.now(), first.expiration());
                    ConnectorState failed = Awaitility.await("the sink fails once the session expires at " + first.expiration())
                            .atMost(untilExpiry.plus(Duration.ofMinutes(10)))
                            .pollInterval(Duration.ofSeconds(5))
                            .until(() -> lab.connect().status(sink),
                                    s -> s.tasks().stream().anyMatch(t -> "FAILED".equals(t.state())));
                    Duration detected = Duration.between(first.expiration(), Instant.now());
                    String trace = failed.tasks().stream().map(ConnectorState.TaskState::trace)
                            .filter(Objects::nonNull).findFirst().orElse("");
                    // The SDK's messages never hold the error code: match the texts AWS sends (ExpiredSession).
                    assertThat(ExpiredSession.isIn(trace)).as("what the sink reports for an expired session: %s", trace)
                            .isTrue();

                    StsSessions.Session second = StsSessions.issue(client, sts, callerHasSession);
                    Timer action = Timer.start();
                    lab.connect().stop(sink);
                    lab.faults().restartConnectWorker(lab.faults().awsEnvironment(second.credentials()));
                    lab.connect().resume(sink);
                    lab.connect().awaitRunning(sink, TIMEOUT);
                    Duration actionTook = action.elapsed();
                    ChangelogAudit.awaitDelivered(lab.lake(), table, load.lastInsertedId(), TIMEOUT);
                    load.stop();
                    ChangelogAudit audit = ChangelogAudit.awaitComplete(lab.lake(), table, load.insertedIds(), TIMEOUT);

                    Map<String, Object> figures = new LinkedHashMap<>();
                    figures.put("session length", sts.sessionDuration().toSeconds() + " s");
                    figures.put("sink task FAILED after expiry", FaultsReport.seconds(detected));
                    figures.put("worker restart with the new session", FaultsReport.seconds(actionTook));
                    figures.put("inserts committed", load.insertedIds().size());
                    figures.put("inserts missing from the changelog", audit.missingInserts().size());
                    figures.put("duplicate events in the changelog", audit.duplicateEvents());
                    FaultsReport.page().section("Real STS session expiry (aws backend)")
                            .paragraph("The sink wrote to real S3 and Glue with an STS session of "
                                    + sts.sessionDuration().toMinutes() + " minutes; what its failed task reported: "
                                    + firstLine(trace, "ExpiredToken"))
                            .figures("Real STS run", figures)
                            .write();
                    assertThat(audit.missingInserts()).as("inserts committed but not in the changelog").isEmpty();
                }
            }
        }
    }

    private static String firstLine(String trace, String containing) {
        return trace.lines().filter(l -> l.contains(containing)).findFirst().map(String::strip).orElse("-");
    }
}
