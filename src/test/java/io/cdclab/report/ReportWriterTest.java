package io.cdclab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @Test
    void aPage_rendersTablesChartsAndClaims_asHtmlAndJson_andIsListedInTheIndex() throws IOException {
        Map<String, Integer> bars = new LinkedHashMap<>();
        bars.put("partition 0", 40);
        bars.put("partition 1", 10);
        ReportPage page = LabReport.page("report-selftest", "Report <self-test>");
        page.section("A section")
                .paragraph("Text with <markup> & quotes \"here\"")
                .table("Counts", List.of("strategy", "max/min"), List.of(List.of("keyed", 1.25)))
                .barChart("Events per partition", bars)
                .claim("Null keys go round-robin", LabReport.Verdict.REFUTED, "They stick to a partition per batch.");

        Path html = page.write();

        String text = Files.readString(html);
        assertThat(text).contains("<h1>Report &lt;self-test&gt;</h1>")
                .contains("Text with &lt;markup&gt; &amp; quotes &quot;here&quot;")
                .contains("<td class=\"num\">1.250</td>")
                .contains("<svg").contains("width=\"420\"").contains("width=\"105\"") // 40 -> full width, 10 -> a quarter
                .contains("not what happens");
        JsonNode json = new ObjectMapper().readTree(html.resolveSibling("report-selftest.json").toFile());
        assertThat(json.at("/sections/0/blocks/2/bars/partition 0").asInt()).isEqualTo(40);
        assertThat(json.at("/sections/0/blocks/3/verdict").asText()).isEqualTo("REFUTED");
        assertThat(Files.readString(html.resolveSibling("index.html"))).contains("report-selftest.html");

        LabReport.forget("report-selftest"); // not part of the lab's real report
        assertThat(html).doesNotExist();
        assertThat(Files.readString(html.resolveSibling("index.html"))).doesNotContain("report-selftest.html");
    }

    @Test
    void theIndex_listsPagesAnotherJvmWrote_soABenchmarkRunDoesNotHideTheTestsPages() throws IOException {
        Path dir = LabReport.directory();
        Files.createDirectories(dir);
        Path json = dir.resolve("report-otherjvm.json");
        Path html = dir.resolve("report-otherjvm.html");
        Files.writeString(json, "{\"id\":\"report-otherjvm\",\"title\":\"Written elsewhere\",\"sections\":[{},{}]}");
        Files.writeString(html, "<html></html>");
        try {
            LabReport.page("report-selftest-2", "This JVM's page").section("s").paragraph("p");
            Path index = LabReport.page("report-selftest-2", "This JVM's page").write().resolveSibling("index.html");
            assertThat(Files.readString(index)).contains("report-selftest-2.html")
                    .contains("<a href=\"report-otherjvm.html\">Written elsewhere (2 sections)</a>");
        } finally {
            Files.deleteIfExists(json);
            Files.deleteIfExists(html);
            LabReport.forget("report-selftest-2");
        }
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("report-otherjvm");
    }

    @Test
    void scenarioIds_comeFromTheTestMethodsName() {
        assertThat(ScenarioOutcomes.ids("k1_keyedTable_stateMatches")).containsExactly("K1");
        assertThat(ScenarioOutcomes.ids("f1_f2_oneKeyRevocation")).containsExactly("F1", "F2");
        assertThat(ScenarioOutcomes.ids("f2r_refreshingProvider")).containsExactly("F2r");
        assertThat(ScenarioOutcomes.ids("e1_c2_onTheExternalBackend")).containsExactly("E1");
        assertThat(ScenarioOutcomes.ids("aPage_rendersTables")).isEmpty();
        assertThat(IndexPage.humanize("c5_largeValues_isAPlaceholder")).isEqualTo("Large values, is a placeholder");
    }

    @Test
    void theIndex_showsEachScenariosVerdictAndFinding_andMarksAPageOfAnEarlierRun() throws IOException {
        Path dir = LabReport.directory();
        Files.createDirectories(dir);
        Path oldJson = dir.resolve("report-earlier.json");
        Path oldHtml = dir.resolve("report-earlier.html");
        Files.writeString(oldJson, "{\"id\":\"report-earlier\",\"title\":\"An earlier run's page\",\"run_started_at\":1000,"
                + "\"written_at\":2000,\"sections\":[{\"heading\":\"Z9 measured\",\"blocks\":[{\"type\":\"table\","
                + "\"headers\":[\"id\",\"rows lost\"],\"rows\":[[\"Z9\",3]]}]}]}");
        Files.writeString(oldHtml, "<html></html>");
        try {
            ScenarioOutcomes.record("SelfTest", "z9_selfTest_somethingWasFound", ScenarioOutcomes.Outcome.PASSED, null, "embedded");
            ScenarioOutcomes.record("SelfTest", "z9_selfTest_otherCheck", ScenarioOutcomes.Outcome.FAILED,
                    "expected 1 but was 2", "embedded");
            String index = Files.readString(dir.resolve("index.html"));
            assertThat(index).contains("<tr id=\"scenario-Z9\">").contains("<span class=\"badge FAILED\">failed</span>")
                    .contains("z9_selfTest_otherCheck: expected 1 but was 2")
                    .contains("<a href=\"report-earlier.html#z9-measured\">Z9 measured</a>")
                    .contains("An earlier run's page (1 sections)</a> <span class=\"stale\">from an earlier run, written 1970-01-01 00:00:02 UTC")
                    .contains("<b>embedded</b>").contains("includes an earlier run");
        } finally {
            ScenarioOutcomes.forget("SelfTest", "z9_selfTest_somethingWasFound");
            ScenarioOutcomes.forget("SelfTest", "z9_selfTest_otherCheck");
            Files.deleteIfExists(oldJson);
            Files.deleteIfExists(oldHtml);
            ReportWriter.writeIndex();
        }
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("Z9");
    }
}
