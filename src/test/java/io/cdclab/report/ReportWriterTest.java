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
        ScenarioFinding finding = ScenarioFinding.of("Z8", "a section", "Null keys stick to a partition per batch.")
                .tests("Null keys go round-robin", LabReport.Verdict.REFUTED, "They stick to a partition per batch.", "Z9");
        page.section(finding)
                .paragraph("Text with <markup> & quotes \"here\"")
                .table("Counts", List.of("strategy", "max/min"), List.of(List.of("keyed", 1.25)))
                .barChart("Events per partition", bars);

        Path html = page.write();

        String text = Files.readString(html);
        assertThat(text).contains("<h1>Report &lt;self-test&gt;</h1>")
                .contains("Text with &lt;markup&gt; &amp; quotes &quot;here&quot;")
                .contains("<td class=\"num\">1.250</td>")
                .contains("<svg").contains("width=\"420\"").contains("width=\"105\"") // 40 -> full width, 10 -> a quarter
                .contains("not what happens")
                .contains("<h2 id=\"z8-a-section\">Z8 a section</h2>\n<p class=\"found\"><b>Found:</b> Null keys stick");
        JsonNode json = new ObjectMapper().readTree(html.resolveSibling("report-selftest.json").toFile());
        assertThat(json.at("/sections/0/blocks/0/type").asText()).isEqualTo("found");
        assertThat(json.at("/sections/0/blocks/3/bars/partition 0").asInt()).isEqualTo(40);
        assertThat(json.at("/sections/0/blocks/4/verdict").asText()).isEqualTo("REFUTED"); // the claim comes last
        assertThat(json.at("/sections/0/blocks/4/shown_by").toString()).isEqualTo("[\"Z8\",\"Z9\"]");
        assertThat(Files.readString(html.resolveSibling("index.html"))).contains("report-selftest.html");

        LabReport.forget("report-selftest"); // not part of the lab's real report
        assertThat(html).doesNotExist();
        assertThat(Files.readString(html.resolveSibling("index.html"))).doesNotContain("report-selftest.html");
    }

    @Test
    void theIndex_listsPagesAnotherJvmWrote_soABenchmarkRunDoesNotHideTheTestsPages() throws IOException {
        try (PageWrittenElsewhere otherJvm = PageWrittenElsewhere.write("report-otherjvm",
                "{\"id\":\"report-otherjvm\",\"title\":\"Written elsewhere\",\"sections\":[{},{}]}")) {
            LabReport.page("report-selftest-2", "This JVM's page").section("s").paragraph("p");
            Path index = LabReport.page("report-selftest-2", "This JVM's page").write().resolveSibling("index.html");
            assertThat(Files.readString(index)).contains("report-selftest-2.html")
                    .contains("<a href=\"report-otherjvm.html\">Written elsewhere (2 sections)</a>");
        } finally {
            LabReport.forget("report-selftest-2");
        }
        assertThat(Files.readString(LabReport.directory().resolve("index.html"))).doesNotContain("report-otherjvm");
    }

    @Test
    void aDeclaredFinding_isTheScenariosLineOnTheIndex_andItsSeedClaimARowOfTheSeedTable() throws IOException {
        ScenarioFinding z6 = ScenarioFinding.of("Z6", "declared", "What Z6 found, in one line.")
                .tests("The seed says Z6 holds.", LabReport.Verdict.NUANCED, "It holds, with a catch.", "Z5");
        try {
            ScenarioOutcomes.record("SelfTest", "z6_selfTest_declared", ScenarioOutcomes.Outcome.PASSED, null, "embedded", "-");
            LabReport.page("report-selftest-3", "Declared findings").section(z6).paragraph("measured").write();
            String index = Files.readString(LabReport.directory().resolve("index.html"));
            assertThat(index).contains("<tr id=\"scenario-Z6\">").contains("What Z6 found, in one line.")
                    .contains("<tr><td>The seed says Z6 holds.</td><td><span class=\"verdict\">true, with a catch.</span> "
                            + "It holds, with a catch.</td><td><a class=\"badge PASSED\" href=\"#scenario-Z6\">Z6&nbsp;✓</a> "
                            + "<a class=\"badge \" href=\"#scenario-Z5\">Z5&nbsp;?</a> </td></tr>");
        } finally {
            ScenarioOutcomes.forget("SelfTest", "z6_selfTest_declared");
            LabReport.forget("report-selftest-3");
        }
        assertThat(Files.readString(LabReport.directory().resolve("index.html"))).doesNotContain("Z6");
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
        try (PageWrittenElsewhere earlier = PageWrittenElsewhere.write("report-earlier",
                "{\"id\":\"report-earlier\",\"title\":\"An earlier run's page\",\"run_started_at\":1000,"
                + "\"written_at\":2000,\"sections\":[{\"heading\":\"Z9 measured\",\"blocks\":[{\"type\":\"table\","
                + "\"headers\":[\"id\",\"rows lost\"],\"rows\":[[\"Z9\",3]]}]}]}")) {
            ScenarioOutcomes.record("SelfTest", "z9_selfTest_somethingWasFound", ScenarioOutcomes.Outcome.PASSED, null, "embedded", "-");
            ScenarioOutcomes.record("SelfTest", "z9_selfTest_otherCheck", ScenarioOutcomes.Outcome.FAILED,
                    "expected 1 but was 2", "embedded", "-");
            String index = Files.readString(dir.resolve("index.html"));
            assertThat(index).contains("<tr id=\"scenario-Z9\">").contains("<span class=\"badge FAILED\">failed</span>")
                    .contains("z9_selfTest_otherCheck: expected 1 but was 2")
                    .contains("<a href=\"report-earlier.html#z9-measured\">Z9 measured</a>")
                    .contains("An earlier run's page (1 sections)</a> <span class=\"stale\">from an earlier run, written 1970-01-01 00:00:02 UTC")
                    .containsPattern("backends?<b>[^<]*embedded[^<]*</b>") // beside another backend's latest run, if any
                    .contains("includes an earlier run");
        } finally {
            ScenarioOutcomes.forget("SelfTest", "z9_selfTest_somethingWasFound");
            ScenarioOutcomes.forget("SelfTest", "z9_selfTest_otherCheck");
            ReportWriter.writeIndex(); // after the earlier page's files are gone
        }
        assertThat(Files.readString(dir.resolve("index.html"))).doesNotContain("Z9");
    }

    /**
     * CI runs the containers backend (built images) in one JVM, then the embedded backend in another, into one
     * report: the index keeps both runs' verdicts, says where each ran, and marks neither as an earlier run.
     */
    @Test
    void theIndex_keepsEachBackendsVerdict_withItsImageSource_whenAnotherBackendRunsNext() throws IOException {
        Path file = LabReport.directory().resolve("scenarios.json");
        Files.createDirectories(file.getParent());
        byte[] saved = Files.exists(file) ? Files.readAllBytes(file) : null;
        try {
            long earlierJvm = ScenarioOutcomes.RUN_STARTED - 60_000;
            // What the containers step's JVM left: Z8 passed, Z7 skipped with the backend's reason.
            Files.writeString(file, "{"
                    + "\"SelfTest#z8_selfTest_onBoth@containers\":{\"ids\":[\"Z8\"],\"testClass\":\"SelfTest\","
                    + "\"method\":\"z8_selfTest_onBoth\",\"outcome\":\"PASSED\",\"reason\":null,\"backend\":\"containers\","
                    + "\"images\":\"built\",\"at\":" + earlierJvm + ",\"runStarted\":" + earlierJvm + "},"
                    + "\"SelfTest#z7_selfTest_clusterOnly@containers\":{\"ids\":[\"Z7\"],\"testClass\":\"SelfTest\","
                    + "\"method\":\"z7_selfTest_clusterOnly\",\"outcome\":\"SKIPPED\",\"reason\":\"one Connect container\","
                    + "\"backend\":\"containers\",\"images\":\"built\",\"at\":" + earlierJvm + ",\"runStarted\":"
                    + earlierJvm + "}}");
            // Then this JVM, the embedded run, records the same tests.
            ScenarioOutcomes.record("SelfTest", "z8_selfTest_onBoth", ScenarioOutcomes.Outcome.PASSED, null, "embedded",
                    ScenarioOutcomes.NO_IMAGES);
            ScenarioOutcomes.record("SelfTest", "z7_selfTest_clusterOnly", ScenarioOutcomes.Outcome.PASSED, null,
                    "embedded", ScenarioOutcomes.NO_IMAGES);

            assertThat(ScenarioOutcomes.load()).containsKeys("SelfTest#z8_selfTest_onBoth@containers",
                    "SelfTest#z8_selfTest_onBoth@embedded");
            String index = Files.readString(file.resolveSibling("index.html"));
            String z8 = row(index, "Z8");
            assertThat(z8).contains("containers (built): <span class=\"badge PASSED\">passed</span>")
                    .contains("embedded: <span class=\"badge PASSED\">passed</span>")
                    .doesNotContain("earlier run");
            assertThat(row(index, "Z7")).contains("containers (built): <span class=\"badge SKIPPED\" title=\"one Connect "
                    + "container\">skipped</span>").contains("embedded: <span class=\"badge PASSED\">passed</span>");
            assertThat(index).contains("<b>containers (built), embedded</b>").contains("each backend's latest run");

            // The containers backend runs again later: only then is its older verdict from an earlier run.
            ScenarioOutcomes.record("SelfTest", "z7_selfTest_clusterOnly", ScenarioOutcomes.Outcome.SKIPPED,
                    "one Connect container", "containers", "built");
            assertThat(row(Files.readString(file.resolveSibling("index.html")), "Z8")).contains("earlier run");
        } finally {
            if (saved == null) {
                Files.deleteIfExists(file);
            } else {
                Files.write(file, saved);
            }
            ReportWriter.writeIndex();
        }
    }

    private static String row(String index, String id) {
        int start = index.indexOf("<tr id=\"scenario-" + id + "\">");
        assertThat(start).as("row of " + id).isNotNegative();
        return index.substring(start, index.indexOf("</tr>", start));
    }

    /** A page another JVM or an earlier run left in the report's folder: its JSON and an HTML stub, deleted on close. */
    private record PageWrittenElsewhere(Path json, Path html) implements AutoCloseable {
        static PageWrittenElsewhere write(String id, String json) throws IOException {
            Path dir = LabReport.directory();
            Files.createDirectories(dir);
            PageWrittenElsewhere page = new PageWrittenElsewhere(dir.resolve(id + ".json"), dir.resolve(id + ".html"));
            Files.writeString(page.json, json);
            Files.writeString(page.html, "<html></html>");
            return page;
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(json);
            Files.deleteIfExists(html);
        }
    }
}
