package io.cdclab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.check.rules.KeylessTablePublished;
import io.cdclab.check.rules.ToastedValuePlaceholder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
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
    private static final RuleInfo BREAKS = KeylessTablePublished.INFO;
    private static final RuleInfo DEGRADES = new RuleInfo("json-with-schemas", Severity.DEGRADES, "C4",
            "JSON with schemas repeats the schema in every event");
    private static final RuleInfo LOSES = ToastedValuePlaceholder.INFO;
    private static final RuleInfo ALSO_LOSES = new RuleInfo("control-topic-unguarded", Severity.LOSES_DATA, "F3",
            "the sink's coordinator starts its control topic at latest");

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
        assertThat(console).startsWith("cdc-lab check: FAILED. 2 rule(s) run, 1 finding(s) at 1 place(s)")
                .contains("[breaks] keyless-table-published (scenario K3) at shop.audit_log")
                .contains("fix: ALTER TABLE shop.audit_log REPLICA IDENTITY FULL;")
                .contains("probe not run");

        Path json = dir.resolve("ci/check.json");
        CheckFiles.writeJson(broken, false, json);   // the page is written by real checks only (PipelineCheckTest)
        JsonNode read = new ObjectMapper().readTree(json.toFile());
        assertThat(read.path("verdict").asText()).isEqualTo("failed");
        assertThat(read.path("exit_code").asInt()).isEqualTo(1);
        assertThat(read.path("findings").get(0).path("rule").asText()).isEqualTo("keyless-table-published");
        assertThat(read.path("findings").get(0).path("scenario").asText()).isEqualTo("K3");
        assertThat(read.path("findings").get(0).path("where").get(0).asText()).isEqualTo("shop.audit_log");
        assertThat(read.path("findings").get(0).path("places").get(0).path("fix").asText())
                .contains("REPLICA IDENTITY FULL");
        assertThat(read.path("rules_run")).hasSize(2);
    }

    /**
     * Findings of one rule at several tables (the probe finds per table, a rule may too) become one finding naming
     * each place with its own evidence and fix; the console, the JSON and the page list the worst first, then by
     * rule id, whatever order they were found in.
     */
    @Test
    void findingsOfOneRule_areOneFindingWithEveryPlace_worstFirstThenByRuleId_everywhere() throws IOException {
        CheckResult result = new CheckResult(List.of("schema db/schema.sql"), List.of(BREAKS, DEGRADES, LOSES, ALSO_LOSES),
                List.of(DEGRADES.finding("source: value.converter.schemas.enable", "schemas.enable = true", "false"),
                        LOSES.finding("shop.orders", "shop.orders has replica identity DEFAULT; can be TOASTed: note text",
                                "ALTER TABLE shop.orders REPLICA IDENTITY FULL"),
                        ALSO_LOSES.finding("sink: iceberg.kafka.auto.offset.reset", "sink.json has no "
                                + "iceberg.kafka.auto.offset.reset", "\"iceberg.kafka.auto.offset.reset\": \"earliest\""),
                        BREAKS.finding("shop.audit_log", "no primary key", "ALTER TABLE shop.audit_log REPLICA IDENTITY FULL"),
                        LOSES.finding("shop.customers", "shop.customers has replica identity DEFAULT; can be TOASTed: "
                                + "bio text", "ALTER TABLE shop.customers REPLICA IDENTITY FULL")),
                List.of(), Duration.ofMillis(80), Optional.empty());

        assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("keyless-table-published",
                "control-topic-unguarded", "toasted-value-placeholder", "json-with-schemas");
        Finding toast = result.findings().get(2);
        assertThat(toast.wheres()).containsExactly("shop.orders", "shop.customers");
        assertThat(toast.places()).extracting(Finding.Place::fix).containsExactly(
                "ALTER TABLE shop.orders REPLICA IDENTITY FULL", "ALTER TABLE shop.customers REPLICA IDENTITY FULL");
        assertThat(result.places()).isEqualTo(5);

        String console = CheckConsole.summary(result);
        assertThat(console).contains("4 finding(s) at 5 place(s): 1 breaks, 2 loses data, 1 degrades")
                .contains("[loses data] toasted-value-placeholder (scenario C5) at 2 places: shop.orders, shop.customers\n"
                        .replace("\n", System.lineSeparator()))
                .contains("    - shop.orders has replica identity DEFAULT; can be TOASTed: note text")
                .contains("      fix: ALTER TABLE shop.customers REPLICA IDENTITY FULL");
        assertThat(console.indexOf("[breaks] keyless")).isLessThan(console.indexOf("[loses data] control-topic"));
        assertThat(console.indexOf("[loses data] control-topic")).isLessThan(console.indexOf("[loses data] toasted"));
        assertThat(console.indexOf("[loses data] toasted")).isLessThan(console.indexOf("[degrades] json-with-schemas"));
        assertThat(console).containsOnlyOnce("toasted-value-placeholder");

        Path json = dir.resolve("check.json");
        CheckFiles.writeJson(result, false, json);
        JsonNode read = new ObjectMapper().readTree(json.toFile());
        assertThat(read.path("findings").findValuesAsText("rule")).containsExactly("keyless-table-published",
                "control-topic-unguarded", "toasted-value-placeholder", "json-with-schemas");
        assertThat(read.path("findings").get(2).path("places").findValuesAsText("where"))
                .containsExactly("shop.orders", "shop.customers");
        assertThat(read.path("counts").path("places").asInt()).isEqualTo(5);
        String html = Files.readString(CheckFiles.page(result, false).write());
        String findings = html.substring(html.indexOf("One row per rule that fired"));
        assertThat(findings.indexOf("keyless-table-published")).isLessThan(findings.indexOf("control-topic-unguarded"));
        assertThat(findings.indexOf("control-topic-unguarded")).isLessThan(findings.indexOf("toasted-value-placeholder"));
        assertThat(findings.indexOf("toasted-value-placeholder")).isLessThan(findings.indexOf("json-with-schemas"));
        assertThat(html).contains("Where each finding fired").contains("ALTER TABLE shop.customers REPLICA IDENTITY FULL");
        // In the findings table a rule that fired at several places with nothing in common points to the places;
        // a rule at one place shows its own evidence and fix.
        String toastRow = findings.substring(findings.indexOf("toasted-value-placeholder"));
        toastRow = toastRow.substring(0, toastRow.indexOf("</tr>"));
        assertThat(toastRow).contains("differs by place");
        String keylessRow = findings.substring(findings.indexOf("keyless-table-published"));
        keylessRow = keylessRow.substring(0, keylessRow.indexOf("</tr>"));
        assertThat(keylessRow).contains("no primary key").contains("ALTER TABLE shop.audit_log REPLICA IDENTITY FULL");
    }

    private static CheckResult result(List<Finding> findings) {
        return new CheckResult(List.of("schema db/schema.sql"), List.of(BREAKS, DEGRADES), findings, List.of(),
                Duration.ofMillis(120), Optional.empty());
    }
}
