package io.cdclab.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.errors.LabException;
import io.cdclab.util.LabHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The facade a team calls from its own test, on the lab's example team project (examples/team-project): the static
 * rules name what the lab's scenarios would do to it, a judged finding can be accepted, and the report page and JSON
 * are written. The rules' own tests are StaticRulesTest and the probe's CheckProbeTest.
 */
class PipelineCheckTest {
    private static final Path TEAM = LabHome.locate().resolve("examples/team-project");
    private static final String[] TABLES = {"shop.customers", "shop.orders", "shop.order_lines", "shop.page_views"};

    @TempDir
    Path dir;

    @Test
    void theExampleTeamsPipeline_failsOnItsKeylessTableAndTextColumns_andPassesOnceTheyAreJudged()
            throws IOException {
        PipelineCheck check = PipelineCheck.of(TEAM.resolve("db/schema.sql"), TEAM.resolve("connect/shop-source.json"),
                TEAM.resolve("connect/shop-sink.json"), TABLES);
        CheckResult result = check.runStatic();

        assertThat(result.failing(false)).flatExtracting(f -> f.wheres().stream().map(w -> f.ruleId() + "@" + w).toList())
                .contains("keyless-table-published@shop.page_views", "toasted-value-placeholder@shop.customers")
                .doesNotContain("control-topic-unguarded@sink: iceberg.kafka.auto.offset.reset");   // the fix it took
        assertThat(result.findings()).as("one finding per rule").extracting(Finding::ruleId)
                .containsExactly("keyless-table-published", "toasted-value-placeholder");
        assertThat(result.findings().get(1).wheres()).containsExactly("shop.customers", "shop.orders", "shop.order_lines");
        assertThat(result.exitCode(false)).isEqualTo(CheckResult.EXIT_FINDINGS);
        assertThat(result.staticTook()).as("static rules, warm").isLessThan(Duration.ofSeconds(2));

        // The team looked: page_views is append-only (no UPDATE or DELETE ever), and it accepts every C5 finding
        // because its text columns hold short values; without the control-topic fix it took, that one fails still.
        CheckResult unguarded = PipelineCheck.of(TEAM.resolve("db/schema.sql"), TEAM.resolve("connect/shop-source.json"),
                        sinkWithoutEarliest(), TABLES)
                .accept("keyless-table-published@shop.page_views", "toasted-value-placeholder").runStatic();
        assertThat(unguarded.failing(false)).extracting(Finding::ruleId).containsExactly("control-topic-unguarded");
        CheckResult judged = PipelineCheck.of(TEAM.resolve("db/schema.sql"), TEAM.resolve("connect/shop-source.json"),
                        TEAM.resolve("connect/shop-sink.json"), TABLES)
                .accept("keyless-table-published@shop.page_views", "toasted-value-placeholder").runStatic();
        assertThat(judged.passes(false)).as(CheckConsole.summary(judged)).isTrue();
        assertThat(judged.accepted()).extracting(Finding::ruleId).contains("keyless-table-published",
                "toasted-value-placeholder");
        assertThat(CheckConsole.summary(judged)).startsWith("cdc-lab check: PASSED")
                .contains("accepted (--accept), not failing the check");

        // Accepted at one table: the rule still fails at the others, and is listed under both.
        CheckResult partly = PipelineCheck.of(TEAM.resolve("db/schema.sql"), TEAM.resolve("connect/shop-source.json"),
                        TEAM.resolve("connect/shop-sink.json"), TABLES)
                .accept("toasted-value-placeholder@shop.customers").runStatic();
        assertThat(partly.findings()).filteredOn(f -> f.ruleId().equals("toasted-value-placeholder")).singleElement()
                .satisfies(f -> assertThat(f.wheres()).containsExactly("shop.orders", "shop.order_lines"));
        assertThat(partly.accepted()).singleElement().satisfies(f -> assertThat(f.wheres()).containsExactly("shop.customers"));

        Path json = dir.resolve("check.json");
        Path page = CheckFiles.write(result, false, json);
        JsonNode read = new ObjectMapper().readTree(json.toFile());
        assertThat(read.path("verdict").asText()).isEqualTo("failed");
        assertThat(Files.readString(page)).contains("keyless-table-published").contains("shop.page_views")
                .contains("Rules run");
    }

    @Test
    void aTableTheSchemaLacks_orAnUnknownRuleToAccept_isBadInputNamingTheFix() {
        assertThatThrownBy(() -> PipelineCheck.of(TEAM.resolve("db/schema.sql"), TEAM.resolve("connect/shop-source.json"),
                TEAM.resolve("connect/shop-sink.json"), "shop.ordres").runStatic())
                .isInstanceOf(LabException.class).hasMessageContaining("[shop.ordres]").hasMessageContaining("shop.orders");
        assertThatThrownBy(() -> PipelineCheck.of(TEAM.resolve("db/schema.sql"), TEAM.resolve("connect/shop-source.json"),
                TEAM.resolve("connect/shop-sink.json"), TABLES).accept("toast-placeholder").runStatic())
                .isInstanceOf(LabException.class).hasMessageContaining("there is no rule toast-placeholder")
                .hasMessageContaining("toasted-value-placeholder");
    }

    private Path sinkWithoutEarliest() throws IOException {
        String sink = Files.readString(TEAM.resolve("connect/shop-sink.json"));
        Path unguarded = dir.resolve("shop-sink.json");
        Files.writeString(unguarded, sink.replace("\"iceberg.kafka.auto.offset.reset\": \"earliest\",", ""));
        assertThat(Files.readString(unguarded)).doesNotContain("auto.offset.reset");
        return unguarded;
    }
}
