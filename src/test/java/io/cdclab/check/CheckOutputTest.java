package io.cdclab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a team's CI and its people get from {@code check}: the exit code by severity (strict or not), the console
 * summary and {@code check.json}, each naming every finding with its scenario, evidence and fix.
 */
class CheckOutputTest {
    private static final RuleInfo BREAKS = new RuleInfo("keyless-table-published", Severity.BREAKS, "K3",
            "PostgreSQL refuses UPDATE and DELETE on a published table without a replica identity");
    private static final RuleInfo DEGRADES = new RuleInfo("json-with-schemas", Severity.DEGRADES, "C4",
            "JSON with schemas repeats the schema in every event");

    @TempDir
    Path dir;

    @Test
    void theExitCode_failsOnBreaksAndLosesData_andOnDegradesOnlyWhenStrict() {
        CheckResult clean = result(List.of());
        CheckResult degraded = result(List.of(DEGRADES.finding("source: value.converter.schemas.enable", "true", "false")));
        CheckResult broken = result(List.of(BREAKS.finding("shop.audit_log", "no primary key", "REPLICA IDENTITY FULL"),
                DEGRADES.finding("source: value.converter.schemas.enable", "true", "false")));

        assertThat(clean.exitCode(false)).isZero();
        assertThat(degraded.exitCode(false)).isZero();
        assertThat(degraded.exitCode(true)).isEqualTo(CheckResult.EXIT_FINDINGS);
        assertThat(broken.exitCode(false)).isEqualTo(CheckResult.EXIT_FINDINGS);
        assertThat(broken.findings()).extracting(Finding::ruleId).as("worst first")
                .containsExactly("keyless-table-published", "json-with-schemas");
        assertThatThrownBy(broken::assertPasses).hasMessageContaining("FAILED")
                .hasMessageContaining("keyless-table-published").hasMessageContaining("REPLICA IDENTITY FULL");
        degraded.assertPasses();
    }

    @Test
    void theConsoleAndJson_nameEachFindingWithItsScenarioEvidenceAndFix() throws IOException {
        CheckResult broken = result(List.of(BREAKS.finding("shop.audit_log",
                "db/schema.sql creates shop.audit_log without a primary key; replica identity DEFAULT",
                "ALTER TABLE shop.audit_log REPLICA IDENTITY FULL;")));

        String console = CheckConsole.summary(broken);
        assertThat(console).startsWith("cdc-lab check: FAILED").contains("[breaks] keyless-table-published (scenario K3) "
                + "at shop.audit_log").contains("fix: ALTER TABLE shop.audit_log REPLICA IDENTITY FULL;")
                .contains("probe not run");

        Path json = dir.resolve("ci/check.json");
        CheckFiles.writeJson(broken, false, json);   // the page is written by real checks only (PipelineCheckTest)
        JsonNode read = new ObjectMapper().readTree(json.toFile());
        assertThat(read.path("verdict").asText()).isEqualTo("failed");
        assertThat(read.path("exit_code").asInt()).isEqualTo(1);
        assertThat(read.path("findings").get(0).path("rule").asText()).isEqualTo("keyless-table-published");
        assertThat(read.path("findings").get(0).path("scenario").asText()).isEqualTo("K3");
        assertThat(read.path("findings").get(0).path("fix").asText()).contains("REPLICA IDENTITY FULL");
        assertThat(read.path("rules_run")).hasSize(2);
    }

    private static CheckResult result(List<Finding> findings) {
        return new CheckResult(List.of("schema db/schema.sql"), List.of(BREAKS, DEGRADES), findings, List.of(),
                Duration.ofMillis(120), Optional.empty());
    }
}
