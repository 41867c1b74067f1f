package io.cdclab.scenarios;

import io.cdclab.cli.LoginFile;
import io.cdclab.endpoints.Secret;
import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.SecretLeakScanner;
import io.cdclab.report.LabReport;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** F7: every secret the run used, looked for in logs, reports, exception texts, statuses and the config topic. */
final class SecretLeaks {
    static final ScenarioFinding F7 = ScenarioFinding.of("F7", "secrets", """
            No secret value (database passwords, object-store keys old and new) appears in the servers' logs, the
            report, the Connect config topic, connector statuses or exception texts.""");
    private SecretLeaks() {
    }

    static void assertNone(RunningTopology lab, String scenario, Map<String, Throwable> exceptionsSeen) {
        List<Secret> secrets = lab.secretsInUse();
        // The scan must bite: a secret planted in a text is found (and named by index, not by value).
        assertThat(new SecretLeakScanner(secrets).text("planted", "x" + secrets.get(0).reveal() + "x").leaks())
                .extracting(SecretLeakScanner.Leak::secretIndex).containsExactly(0);

        // The lab's own files (the top of target/cdc-lab) are scanned too; a kept-running session's login file
        // there is the one place allowed to hold secrets.
        SecretLeakScanner scanner = new SecretLeakScanner(secrets)
                .allowing(LoginFile.location())
                .files(LoginFile.location().getParent(), 1)
                .files(lab.logDirectory().orElseThrow())
                .files(LabReport.directory())
                .topic(lab.kafkaBootstrapServers(), "connect-configs");
        exceptionsSeen.forEach(scanner::exception);
        for (String connector : lab.connect().connectors()) {
            scanner.text("status of " + connector, String.valueOf(lab.connect().status(connector)));
        }
        FaultsReport.page().section(F7, ": " + scenario)
                .paragraph(secrets.size() + " secret values used by the run (database passwords, every object-store "
                        + "secret key, old and new) were looked for in " + scanner.scanned().size() + " places: the "
                        + "servers' logs, the report files, the Connect config topic, connector statuses and "
                        + exceptionsSeen.size() + " exception texts. Leaks found: " + scanner.leaks().size() + ".");
        FaultsReport.page().write();
        assertThat(scanner.scanned()).anyMatch(w -> w.contains("connect-configs")).anyMatch(w -> w.endsWith("connect.log"));
        assertThat(scanner.leaks()).as("secret values found where they must never be").isEmpty();
    }
}
