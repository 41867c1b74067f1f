package io.cdclab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.junit.ChecksOfTheWholeRunLast;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every report page, measured in headless Chromium at 1200 px: no table wider than the window, no horizontal
 * scrolling, and each chart the page's JSON promises is drawn and not empty. One browser start measures all
 * pages (each in an iframe of 1200 px, its HTML as {@code srcdoc}, so the harness's script may read it), which
 * keeps the test at a few seconds. It checks a fixture page built here (a table as wide as the faults table) and
 * whatever real pages exist in {@code target/cdc-lab-report/} when it runs. Skipped, with the reason, where no
 * Chromium is installed.
 */
@ChecksOfTheWholeRunLast.OfTheWholeRun // the pages this run wrote, not an earlier run's
class ReportBrowserTest {
    private static final int VIEWPORT = 1200;
    private static final Pattern RESULTS = Pattern.compile("<pre id=\"results\">([^<]*)</pre>");
    /** Runs in the harness once every page has loaded; writes its measurements into the harness's DOM. */
    private static final String MEASURE = """
            addEventListener('load', () => {
              const out = [];
              for (const frame of document.querySelectorAll('iframe')) {
                const doc = frame.contentDocument, win = frame.contentWindow;
                const wide = [...doc.querySelectorAll('table')].map(t => {
                  const r = t.getBoundingClientRect();
                  return {caption: (t.caption ? t.caption.textContent : t.rows[0].textContent).slice(0, 60),
                          right: Math.round(r.right), width: Math.round(r.width)};
                }).filter(t => t.right > win.innerWidth || t.width > win.innerWidth);
                const charts = [...doc.querySelectorAll('svg')].map(svg => {
                  const r = svg.getBoundingClientRect();
                  const bars = [...svg.querySelectorAll('rect')].filter(b => b.getBBox().width > 0).length;
                  const drawn = sel => [...svg.querySelectorAll(sel)].filter(e => { const b = e.getBBox(); return b.width > 0 && b.height > 0; }).length;
                  return {width: Math.round(r.width), height: Math.round(r.height), bars: bars,
                          texts: svg.querySelectorAll('text').length, axes: svg.querySelectorAll('line').length,
                          timeline: svg.classList.contains('timeline'), series: drawn('path.series'),
                          states: drawn('rect.state'), outage: drawn('rect.outage'), right: Math.round(r.right)};
                });
                out.push({page: frame.dataset.page, viewport: win.innerWidth,
                          scrollWidth: doc.documentElement.scrollWidth, tables: doc.querySelectorAll('table').length,
                          wide: wide, charts: charts});
              }
              const pre = document.createElement('pre');
              pre.id = 'results';
              pre.textContent = encodeURIComponent(JSON.stringify(out));
              document.body.appendChild(pre);
            });
            """;

    @Test
    void everyReportPage_fitsA1200pxWindow_andItsChartsAreDrawn_measuredInHeadlessChromium() throws Exception {
        Optional<Path> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium on PATH: the browser check is skipped (Debian: apt-get install -y chromium)");
        writeFixturePage();
        try {
            List<Path> pages;
            try (Stream<Path> files = Files.list(LabReport.directory())) {
                pages = files.filter(ReportBrowserTest::writtenByThisLab).sorted(Comparator.naturalOrder()).toList();
            }
            long started = System.nanoTime();
            JsonNode results = measure(chromium.get(), pages);
            JsonNode control = results.get(results.size() - 1);
            System.out.printf("measured %d pages in chromium in %.1f s: %s%n", pages.size(),
                    (System.nanoTime() - started) / 1e9, results);

            SoftAssertions soft = new SoftAssertions();
            assertThat(results).as("one measurement per page, and the control").hasSize(pages.size() + 1);
            // The control proves the measuring works: its table is 2000 px wide, its chart and its timeline empty.
            assertThat(control.path("page").asText()).isEqualTo("control");
            assertThat(control.path("wide")).as("the control's wide table is seen").hasSize(1);
            assertThat(control.at("/charts/0/bars").asInt()).as("the control's empty chart is seen").isZero();
            assertThat(control.at("/charts/1/series").asInt() + control.at("/charts/1/outage").asInt())
                    .as("the control's empty timeline is seen as one: no curve, no outage").isZero();
            assertThat(control.at("/charts/1/timeline").asBoolean()).isTrue();
            for (JsonNode page : results) {
                if (page == control) {
                    continue;
                }
                String id = page.path("page").asText();
                soft.assertThat(page.path("viewport").asInt()).as(id + ": viewport").isEqualTo(VIEWPORT);
                soft.assertThat(page.path("scrollWidth").asInt()).as(id + ": page width (no horizontal scroll)")
                        .isLessThanOrEqualTo(VIEWPORT);
                soft.assertThat(page.path("wide")).as(id + ": tables wider than the window").isEmpty();
                List<JsonNode> promised = chartsPromised(id);
                soft.assertThat(page.path("charts").size()).as(id + ": charts drawn, against the page's JSON")
                        .isEqualTo(promised.size());
                for (int i = 0; i < page.path("charts").size(); i++) {
                    JsonNode chart = page.path("charts").get(i);
                    soft.assertThat(chart.path("right").asInt()).as(id + ": chart's right edge").isLessThanOrEqualTo(VIEWPORT);
                    if (i < promised.size() && promised.get(i).path("type").asText().equals("timeline")) {
                        String caption = id + " timeline " + promised.get(i).path("caption").asText();
                        soft.assertThat(chart.path("timeline").asBoolean()).as(caption + ": drawn as a timeline").isTrue();
                        soft.assertThat(chart.path("series").asInt()).as(caption + ": curves drawn").isPositive();
                        soft.assertThat(chart.path("states").asInt()).as(caption + ": connector states drawn").isPositive();
                        // The outage window is drawn exactly where the JSON has one (F6 has none: nothing stopped).
                        soft.assertThat(chart.path("outage").asInt()).as(caption + ": outage window")
                                .isEqualTo(promised.get(i).at("/timeline/shaded").isObject() ? 1 : 0);
                    }
                    soft.assertThat(chart.path("width").asInt() * chart.path("height").asInt()).as(id + ": chart area").isPositive();
                    soft.assertThat(chart.path("bars").asInt()).as(id + ": bars with a length").isPositive();
                    soft.assertThat(chart.path("axes").asInt()).as(id + ": axis and grid lines").isGreaterThanOrEqualTo(2);
                    soft.assertThat(chart.path("texts").asInt()).as(id + ": labels").isGreaterThanOrEqualTo(3);
                }
                if (id.equals("browser-selftest")) {
                    soft.assertThat(page.path("tables").asInt()).as("the fixture's wide table is measured").isEqualTo(1);
                }
            }
            soft.assertAll();
        } finally {
            LabReport.forget("browser-selftest");
        }
    }

    /** A page like the faults page: a 13-column table with long cells, and a chart. */
    private static void writeFixturePage() {
        List<String> headers = new ArrayList<>(List.of("id", "fault", "time to detect", "first sign", "time to recover"));
        for (int i = headers.size(); i < 12; i++) {
            headers.add("measured figure number " + i);
        }
        headers.add("rows lost (materialised)");
        List<List<Object>> rows = new ArrayList<>();
        for (String id : List.of("F1", "F2", "G2")) {
            List<Object> row = new ArrayList<>(List.of(id, "credentials revoked under a continuous write load, then the runbook",
                    "1.8 s", "task 0 FAILED — Caused by: java.io.UncheckedIOException: software.amazon.awssdk.services.s3.model."
                            + "AccessDeniedException: Access Denied (Service: S3, Status Code: 403, Request ID: fELgezbFQIgf0GZnFw"
                            + "WOG8ZvYA7JSpfwSjZjbNU6Qph1eTr4ufaq) (SDK Attempt Count: 1)", "13.6 s"));
            while (row.size() < headers.size()) {
                row.add(row.size() * 1000L);
            }
            rows.add(row);
        }
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("F1", 108.7);
        bars.put("F2", 100.3);
        bars.put("G2", 13.6);
        LabReport.page("browser-selftest", "Browser self-test").section("F1 against F2 (fixture)")
                .table("Faults", headers, rows).barChart("Time to recover (s)", bars).timeline(fixtureTimeline()).write();
    }

    /** A fault's timeline as the fault runners record one: ten seconds before the fault, an outage of 12 s. */
    static Timeline fixtureTimeline() {
        Map<Integer, Long> committed = new LinkedHashMap<>();
        Map<Integer, Long> landed = new LinkedHashMap<>();
        for (int s = -10; s < 20; s++) {
            committed.put(s, 13L);
            if (s % 3 == 0 && (s < 0 || s > 12)) {
                landed.put(s, s > 12 && s < 16 ? 120L : 39L);
            }
        }
        List<Timeline.Span> sink = List.of(new Timeline.Span(-10, 1.5, "RUNNING"), new Timeline.Span(1.5, 9, "FAILED"),
                new Timeline.Span(9, 10, "RESTARTING"), new Timeline.Span(10, 20, "RUNNING"));
        return new Timeline("F1 (fixture): credentials revoked", "row changes per second",
                List.of(new Timeline.Series("committed in PostgreSQL", committed), new Timeline.Series("landed in Iceberg", landed)),
                List.of(new Timeline.Lane("f1-source", List.of(new Timeline.Span(-10, 20, "RUNNING"))), new Timeline.Lane("f1-sink", sink)),
                List.of(new Timeline.Mark(0, Timeline.MarkKind.FAULT, "credentials revoked"),
                        new Timeline.Mark(9, Timeline.MarkKind.ACTION, "worker bounced"),
                        new Timeline.Mark(12, Timeline.MarkKind.RECOVERED, "a row written after the fault is in Iceberg")),
                new Timeline.Window(0, 12, "outage 12.0 s"));
    }

    private static JsonNode measure(Path chromium, List<Path> pages) throws Exception {
        Path work = Files.createTempDirectory("cdc-lab-browser");
        try {
            StringBuilder harness = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n");
            for (Path page : pages) {
                harness.append("<iframe data-page=\"").append(page.getFileName().toString().replace(".html", ""))
                        .append("\" style=\"width:").append(VIEWPORT).append("px;height:600px;border:0;display:block\" srcdoc=\"")
                        .append(Files.readString(page).replace("&", "&amp;").replace("\"", "&quot;")).append("\"></iframe>\n");
            }
            harness.append("<iframe data-page=\"control\" style=\"width:").append(VIEWPORT).append("px;height:200px\" srcdoc=\"")
                    .append("<table style='width:2000px'><tr><td>wide</td></tr></table><svg width='100' height='50'></svg>"
                            + "<svg class='timeline' width='100' height='50'><path class='series' d=''/><rect class='outage' width='0' height='9'/></svg>")
                    .append("\"></iframe>\n<script>").append(MEASURE).append("</script></body></html>\n");
            Path html = Files.writeString(work.resolve("harness.html"), harness);
            Path dom = work.resolve("dom.html");
            Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-extensions", "--no-first-run", "--hide-scrollbars",
                    "--user-data-dir=" + work.resolve("profile"), "--window-size=" + (VIEWPORT + 100) + ",800",
                    "--virtual-time-budget=5000", "--dump-dom", html.toUri().toString())
                    .redirectOutput(dom.toFile()).redirectError(work.resolve("stderr.txt").toFile()).start();
            if (!browser.waitFor(90, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
                throw new AssertionError("chromium did not finish within 90 s");
            }
            Matcher m = RESULTS.matcher(Files.readString(dom));
            assertThat(m.find()).as("the harness's measurements in chromium's DOM (exit %d, stderr: %s)",
                    browser.exitValue(), Files.readString(work.resolve("stderr.txt"))).isTrue();
            return new ObjectMapper().readTree(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /**
     * The index and every page whose JSON twin carries its run's time: a page an older lab left in target/ was
     * rendered by other code and is not this code's to check.
     */
    private static boolean writtenByThisLab(Path html) {
        String name = html.getFileName().toString();
        if (name.equals("index.html")) {
            return true;
        }
        Path json = html.resolveSibling(name.replaceFirst("\\.html$", ".json"));
        try {
            return name.endsWith(".html") && Files.exists(json) && new ObjectMapper().readTree(json.toFile()).has("run_started_at");
        } catch (IOException e) {
            return false;
        }
    }

    /** The charts (bar charts, timelines, drawn SVG) the page's JSON twin holds, in page order (the index holds none). */
    private static List<JsonNode> chartsPromised(String id) throws Exception {
        Path json = LabReport.directory().resolve(id + ".json");
        List<JsonNode> charts = new ArrayList<>();
        if (!Files.exists(json)) {
            return charts;
        }
        for (JsonNode section : new ObjectMapper().readTree(json.toFile()).path("sections")) {
            for (JsonNode block : section.path("blocks")) {
                if (List.of("barchart", "timeline", "svg").contains(block.path("type").asText())) {
                    charts.add(block);
                }
            }
        }
        return charts;
    }

    static Optional<Path> chromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome")
                .map(name -> Path.of(dir, name))).filter(Files::isExecutable).findFirst();
    }
}
