package io.cdclab.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdclab.report.ScenarioOutcomes.Outcome;
import io.cdclab.report.ScenarioOutcomes.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cdclab.report.ReportWriter.esc;

/**
 * The report's front page: the run's headline, one row per scenario id with its verdict and finding, the seed's
 * claims against what the lab found, and the pages, each marked when it comes from an earlier run.
 */
final class IndexPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String FAMILIES = "KPCFGES";
    private static final Pattern HEADING_ID = Pattern.compile("(?<![A-Za-z0-9])([A-Z][0-9]+r?)(?![A-Za-z0-9])");
    private static final Pattern ID_PARTS = Pattern.compile("([A-Z])([0-9]+)(.*)");
    /** Scenario ids in SCENARIOS.md's order: keys, partitions, change semantics, faults, Glue, external, ... */
    static final Comparator<String> ORDER = Comparator.comparingInt((String id) -> {
        int family = FAMILIES.indexOf(id.charAt(0));
        return family < 0 ? FAMILIES.length() : family;
    }).thenComparingInt(id -> {
        Matcher m = ID_PARTS.matcher(id);
        return m.matches() ? Integer.parseInt(m.group(2)) : 0;
    }).thenComparing(Comparator.naturalOrder());

    private IndexPage() {
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Where the report shows a scenario, and what it measured there. */
    private static final class Shown {
        final Map<String, String> links = new LinkedHashMap<>();
        String claim;
        boolean declared;
        Long rowsLost;
    }

    static String body(List<JsonNode> pages, Map<String, Test> tests) {
        long run = ScenarioOutcomes.RUN_STARTED;
        LatestRuns latest = LatestRuns.of(tests.values());
        Map<String, List<Test>> byId = new TreeMap<>(ORDER);
        tests.values().forEach(t -> t.ids().forEach(id -> byId.computeIfAbsent(id, k -> new ArrayList<>()).add(t)));
        Map<String, Shown> shown = new TreeMap<>(ORDER);
        long lostTotal = 0;
        Set<String> lostIn = new TreeSet<>(ORDER);
        boolean lostStale = false;
        for (JsonNode page : pages) {
            String pageId = page.path("id").asText();
            for (JsonNode section : page.path("sections")) {
                String heading = section.path("heading").asText();
                String href = pageId + ".html#" + ReportWriter.anchor(heading);
                for (String id : idsIn(heading)) {
                    Shown s = shown.computeIfAbsent(id, k -> new Shown());
                    s.links.putIfAbsent(href, heading);
                    for (JsonNode block : section.path("blocks")) {
                        String type = block.path("type").asText();
                        // A declared finding speaks for its own scenario, not for others its heading names.
                        if (type.equals("found") && block.path("id").asText().equals(id) && !s.declared) {
                            s.claim = block.path("text").asText();
                            s.declared = true;
                        } else if (s.claim == null && type.equals("claim")) {
                            s.claim = block.path("what_happens").asText();
                        }
                    }
                }
                for (JsonNode block : section.path("blocks")) {
                    if (!block.path("type").asText().equals("table")) {
                        continue;
                    }
                    List<String> headers = new ArrayList<>();
                    block.path("headers").forEach(h -> headers.add(h.asText()));
                    int lost = indexOf(headers, "rows lost");
                    boolean keyed = !headers.isEmpty() && headers.get(0).equals("id");
                    for (JsonNode row : block.path("rows")) {
                        String id = keyed ? row.path(0).asText() : null;
                        if (id != null && !id.isBlank()) {
                            shown.computeIfAbsent(id, k -> new Shown()).links.putIfAbsent(href, heading);
                        }
                        if (lost >= 0 && row.path(lost).isNumber()) {
                            lostTotal += row.path(lost).asLong();
                            lostStale |= page.path("run_started_at").asLong() < run;
                            if (id != null) {
                                lostIn.add(id);
                                shown.get(id).rowsLost = row.path(lost).asLong();
                            }
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("<h1>cdc-lab report</h1><p>What the lab measured about PostgreSQL → "
                + "Debezium → Kafka → Iceberg → Spark SQL: first this run's verdicts, then the seed document's claims "
                + "against what was measured, then one page per scenario family (ids as in SCENARIOS.md).</p>\n");
        headline(out, run, latest, byId, lostTotal, lostIn, lostStale);
        scenarios(out, latest, byId, shown, pages);
        seedClaims(out, pages, byId);
        pageList(out, run, pages);
        return out.toString();
    }

    private static void headline(StringBuilder out, long run, LatestRuns latest, Map<String, List<Test>> byId,
                                 long lostTotal, Set<String> lostIn, boolean lostStale) {
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        Set<String> backends = new LinkedHashSet<>();
        int earlier = 0;
        for (List<Test> list : byId.values()) {
            List<Test> current = list.stream().filter(latest::isCurrent).toList();
            if (current.isEmpty()) {
                earlier++;
                continue;
            }
            counts.merge(verdict(current), 1, Integer::sum);
            current.forEach(t -> backends.add(t.ranOn()));
        }
        out.append("<div class=\"headline\">")
                .append(box(backends.size() > 1 ? "backends" : "backend", backends.isEmpty() ? "—" : String.join(", ", backends)))
                .append(box("run started", latest.describe(run)))
                .append("<div><span class=\"PASSED badge\">").append(counts.get(Outcome.PASSED)).append(" passed</span> · ")
                .append("<span class=\"FAILED badge\">").append(counts.get(Outcome.FAILED)).append(" failed</span> · ")
                .append("<span class=\"SKIPPED badge\">").append(counts.get(Outcome.SKIPPED)).append(" skipped</span>")
                .append("<b>").append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(" scenarios</b>")
                .append(earlier > 0 ? earlier + " more only from an earlier run"
                        : backends.size() > 1 ? "each backend's latest run" : "this run").append("</div>")
                .append(box("rows lost, all fault scenarios", lostIn.isEmpty() ? "not measured yet"
                        : lostTotal + " in " + lostIn.size() + " (" + String.join(" ", lostIn) + ")"
                        + (lostStale ? " — includes an earlier run" : "")))
                .append("</div>\n");
    }

    private static String box(String label, String value) {
        return "<div>" + esc(label) + "<b>" + esc(value) + "</b></div>";
    }

    /** The page that shows another scenario of the same family (K1 has no section of its own: keys-partitions). */
    private static Optional<JsonNode> familyPage(String id, Map<String, Shown> shown, List<JsonNode> pages) {
        for (Map.Entry<String, Shown> other : shown.entrySet()) {
            if (other.getKey().charAt(0) == id.charAt(0) && !other.getValue().links.isEmpty()) {
                String pageId = other.getValue().links.keySet().iterator().next().replaceFirst("\\.html.*", "");
                return pages.stream().filter(p -> p.path("id").asText().equals(pageId)).findFirst();
            }
        }
        return Optional.empty();
    }

    private static void scenarios(StringBuilder out, LatestRuns latest, Map<String, List<Test>> byId,
                                  Map<String, Shown> shown, List<JsonNode> pages) {
        out.append("<h2 id=\"scenarios\">Scenarios</h2>\n");
        if (byId.isEmpty()) {
            out.append("<p>No scenario has run yet: run <code>mvn test</code>.</p>\n");
            return;
        }
        out.append("<div class=\"tw\"><table><tr><th>id</th><th>verdict</th><th>ran on (backend, images)</th>"
                + "<th>finding</th><th>rows lost</th><th>shown in</th></tr>\n");
        byId.forEach((id, list) -> {
            Outcome verdict = verdict(list);
            Shown s = shown.computeIfAbsent(id, k -> new Shown());
            if (s.links.isEmpty()) {
                familyPage(id, shown, pages).ifPresent(page -> s.links.put(page.path("id").asText() + ".html",
                        page.path("title").asText() + " (page)"));
            }
            OptionalLong oldestStale = list.stream().filter(t -> !latest.isCurrent(t))
                    .mapToLong(Test::runStarted).min();
            out.append("<tr id=\"scenario-").append(esc(id)).append("\"><td><b>").append(esc(id)).append("</b></td><td>")
                    .append(badge(verdict)).append(testCount(list));
            if (oldestStale.isPresent()) {
                long oldest = oldestStale.getAsLong();
                out.append("<br><span class=\"stale\" title=\"").append(esc(time(oldest))).append("\">earlier run, ")
                        .append(esc(time(oldest).substring(11, 16))).append("</span>");
            }
            out.append("</td><td>").append(ranOn(list)).append("</td><td>")
                    .append(esc(finding(verdict, list, s))).append("</td><td class=\"num\">")
                    .append(s.rowsLost == null ? "" : s.rowsLost).append("</td><td>");
            s.links.entrySet().stream().limit(3).forEach(e -> out.append("<a href=\"").append(esc(e.getKey())).append("\">")
                    .append(esc(e.getValue())).append("</a><br>"));
            out.append("</td></tr>\n");
        });
        out.append("</table></div>\n");
    }

    /** Each backend (and image source) the scenario ran on, with its verdict there: "containers (built): passed". */
    private static String ranOn(List<Test> list) {
        Map<String, List<Test>> byPlace = new TreeMap<>();
        list.forEach(t -> byPlace.computeIfAbsent(t.ranOn(), k -> new ArrayList<>()).add(t));
        StringBuilder cell = new StringBuilder();
        byPlace.forEach((place, tests) -> {
            Outcome verdict = verdict(tests);
            // A skip or failure on one backend says why on hover, e.g. F9 skipped on containers (one Connect worker).
            String why = tests.stream().filter(t -> t.outcome() == verdict && t.reason() != null).map(Test::reason)
                    .findFirst().orElse(null);
            cell.append(cell.isEmpty() ? "" : "<br>").append(esc(place)).append(": <span class=\"badge ")
                    .append(verdict.name()).append("\"").append(why == null || verdict == Outcome.PASSED ? ""
                            : " title=\"" + esc(why) + "\"").append(">")
                    .append(verdict.name().toLowerCase(Locale.ROOT)).append("</span>");
        });
        return cell.toString();
    }

    /**
     * Each backend's latest run: CI runs the containers backend, then the embedded one, into one report, and both
     * runs' verdicts are current; a verdict is from an earlier run when its backend has run again since.
     */
    private record LatestRuns(Map<String, Long> byBackend) {
        static LatestRuns of(Collection<Test> tests) {
            Map<String, Long> latest = new TreeMap<>();
            tests.forEach(t -> latest.merge(t.backend(), t.runStarted(), Math::max));
            return new LatestRuns(latest);
        }

        boolean isCurrent(Test t) {
            return t.runStarted() >= byBackend.getOrDefault(t.backend(), Long.MAX_VALUE);
        }

        /** This run's start, and each other backend's latest run's, when there is one. */
        String describe(long run) {
            if (byBackend.values().stream().allMatch(started -> started == run)) {
                return time(run);
            }
            List<String> parts = new ArrayList<>();
            byBackend.forEach((backend, started) -> parts.add(backend + " " + time(started)));
            return String.join("; ", parts);
        }
    }

    private static String testCount(List<Test> list) {
        long skipped = list.stream().filter(t -> t.outcome() == Outcome.SKIPPED).count();
        if (list.size() == 1) {
            return "";
        }
        return " <small>(" + list.size() + " tests" + (skipped > 0 && skipped < list.size() ? ", " + skipped + " skipped" : "")
                + ")</small>";
    }

    private static String finding(Outcome verdict, List<Test> list, Shown shown) {
        for (Test t : list) {
            if (t.outcome() == Outcome.FAILED || (verdict == Outcome.SKIPPED && t.reason() != null)) {
                return t.method() + ": " + t.reason();
            }
        }
        // A test that passed says what was found; a skipped one (K1 on containers, without Docker) says less.
        Test telling = list.stream().filter(t -> t.outcome() == Outcome.PASSED).findFirst().orElse(list.get(0));
        // A finding declared beside the test, in its section or on its class, before a claim or the method's name.
        String declared = list.stream().map(Test::found).filter(f -> f != null && !f.isBlank()).findFirst().orElse(null);
        String text = shown.declared ? shown.claim : declared != null ? declared
                : shown.claim != null ? shown.claim : humanize(telling.method());
        return text.length() > 220 ? text.substring(0, 219) + "…" : text;
    }

    /** A seed claim as the pages declare it (a scenario's {@link ScenarioFinding}), once per claim. */
    private record SeedRow(String seedSays, String verdict, String labFound, List<String> shownBy) {
    }

    /** Every seed claim the report's pages test, in SCENARIOS.md's order of the first scenario that shows it. */
    private static List<SeedRow> seedRows(List<JsonNode> pages) {
        Map<String, SeedRow> rows = new LinkedHashMap<>();
        for (JsonNode page : pages) {
            for (JsonNode section : page.path("sections")) {
                for (JsonNode block : section.path("blocks")) {
                    if (!block.path("type").asText().equals("claim") || block.path("shown_by").isEmpty()) {
                        continue;
                    }
                    List<String> shownBy = new ArrayList<>();
                    block.path("shown_by").forEach(id -> shownBy.add(id.asText()));
                    rows.putIfAbsent(block.path("seed_claim").asText(), new SeedRow(block.path("seed_claim").asText(),
                            block.path("verdict").asText(), block.path("what_happens").asText(), shownBy));
                }
            }
        }
        return rows.values().stream().sorted(Comparator.comparing((SeedRow r) -> r.shownBy().get(0), ORDER)).toList();
    }

    private static void seedClaims(StringBuilder out, List<JsonNode> pages, Map<String, List<Test>> byId) {
        out.append("<h2 id=\"seed\">The seed says, the lab found</h2>\n<p>Claims of the seed document "
                + "(<code>../shared/seed/cdc-using-kafka-README.md</code>) against what the lab measured, as each "
                + "scenario declares them beside its test; each scenario's mark is its verdict in this report (✓ "
                + "passed, ✗ failed, – skipped, ? not run).</p>\n");
        List<SeedRow> rows = seedRows(pages);
        if (rows.isEmpty()) {
            out.append("<p>No scenario that tests a seed claim has written its page yet.</p>\n");
            return;
        }
        out.append("<div class=\"tw\"><table><tr><th>the seed says</th><th>the lab found</th><th>shown by</th></tr>\n");
        for (SeedRow c : rows) {
            String label = Arrays.stream(LabReport.Verdict.values()).filter(v -> v.name().equals(c.verdict()))
                    .map(LabReport.Verdict::label).findFirst().orElse(c.verdict());
            out.append("<tr><td>").append(esc(c.seedSays())).append("</td><td><span class=\"verdict\">")
                    .append(esc(label)).append(".</span> ").append(esc(c.labFound())).append("</td><td>");
            for (String id : c.shownBy()) {
                List<Test> list = byId.get(id);
                String mark = list == null ? "?" : switch (verdict(list)) {
                    case PASSED -> "✓";
                    case FAILED -> "✗";
                    case SKIPPED -> "–";
                };
                String cls = list == null ? "" : verdict(list).name();
                out.append("<a class=\"badge ").append(cls).append("\" href=\"#scenario-").append(esc(id)).append("\">")
                        .append(esc(id)).append("&nbsp;").append(mark).append("</a> ");
            }
            out.append("</td></tr>\n");
        }
        out.append("</table></div>\n");
    }

    private static void pageList(StringBuilder out, long run, List<JsonNode> pages) {
        out.append("<h2 id=\"pages\">Pages</h2>\n<ul>\n");
        for (JsonNode page : pages) {
            String id = page.path("id").asText();
            out.append("<li><a href=\"").append(esc(id)).append(".html\">").append(esc(page.path("title").asText()))
                    .append(" (").append(page.path("sections").size()).append(" sections)</a>");
            long started = page.path("run_started_at").asLong(0);
            if (started < run) {
                long written = page.path("written_at").asLong(0);
                out.append(" <span class=\"stale\">from an earlier run, written ").append(esc(time(written)))
                        .append("</span>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");
    }

    /** A scenario failed if any of its tests failed, passed if one passed and none failed, else was skipped. */
    static Outcome verdict(List<Test> tests) {
        if (tests.stream().anyMatch(t -> t.outcome() == Outcome.FAILED)) {
            return Outcome.FAILED;
        }
        return tests.stream().anyMatch(t -> t.outcome() == Outcome.PASSED) ? Outcome.PASSED : Outcome.SKIPPED;
    }

    private static String badge(Outcome o) {
        return "<span class=\"badge " + o.name() + "\">" + o.name().toLowerCase(Locale.ROOT) + "</span>";
    }

    /** Ids named in a heading as whole words ("F1 against F2" names F1 and F2, not F2r). */
    private static List<String> idsIn(String heading) {
        List<String> ids = new ArrayList<>();
        Matcher m = HEADING_ID.matcher(heading);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static int indexOf(List<String> headers, String prefix) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** A test method's name as words: {@code k1_keyedTable_stateMatches} reads "Keyed table, state matches". */
    static String humanize(String method) {
        List<String> parts = new ArrayList<>();
        for (String token : method.split("_")) {
            if (token.matches("[a-z][0-9]+[a-z]?") && parts.isEmpty()) {
                continue;
            }
            parts.add(token.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ").toLowerCase(Locale.ROOT));
        }
        String text = String.join(", ", parts);
        return text.isEmpty() ? method : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
