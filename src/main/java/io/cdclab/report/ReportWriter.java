package io.cdclab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Renders report pages as self-contained HTML (inline CSS and SVG) and JSON, and keeps the index current. */
final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:1.5rem auto;padding:0 1.5rem;max-width:70rem;color:#222;line-height:1.45}
            h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
            .meta{color:#666;font-size:.9rem}.stale{background:#fff3cd;padding:.1rem .4rem}
            .tw{max-width:100%;overflow-x:auto}
            table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
            th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
            td{overflow-wrap:anywhere}td:not(.num){min-width:4.5rem}
            table.many{font-size:.8rem}table.many td:not(.num){min-width:3rem}td.num{white-space:nowrap}th{overflow-wrap:break-word;hyphens:auto}
            .tw th:first-child,.tw td:first-child{position:sticky;left:0;background:#fff;overflow-wrap:normal;min-width:0}
            .tw th:first-child{background:#f3f3f3}
            summary{cursor:pointer}
            .PASSED{color:#176b3a}.FAILED{color:#b3261e}.SKIPPED{color:#8a6d00}
            .badge{font-weight:600;white-space:nowrap}
            .headline{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
            .headline div{border:1px solid #ddd;border-radius:4px;padding:.4rem .8rem;background:#fafafa}
            .headline b{display:block;font-size:1.15rem}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            caption{text-align:left;font-weight:600;padding:.3rem 0}
            .claim{border-left:4px solid #999;padding:.3rem .8rem;margin:.8rem 0;background:#fafafa}
            .CONFIRMED{border-color:#2a7}.REFUTED{border-color:#c33}.NUANCED{border-color:#d90}
            .verdict{font-weight:600}figure{margin:1rem 0}figcaption{font-weight:600}
            ol.marks{font-size:.85rem;margin:.2rem 0 1rem;padding-left:1.6rem}ol.marks li{overflow-wrap:anywhere}
            """;

    private ReportWriter() {
    }

    static synchronized Path write(ReportPage page) {
        Path dir = LabReport.directory();
        Path html = ReportFiles.writeText(dir.resolve(page.id() + ".html"), html(page));
        ReportFiles.writeJson(dir.resolve(page.id() + ".json"), json(page));
        writeIndex();
        return html;
    }

    static synchronized void writeIndex() {
        ReportFiles.writeText(LabReport.directory().resolve("index.html"), index());
    }

    private static String html(ReportPage page) {
        StringBuilder out = new StringBuilder(head(page.title()));
        out.append("<p><a href=\"index.html\">cdc-lab report</a></p><h1>").append(esc(page.title())).append("</h1>\n")
                .append("<p class=\"meta\">Written ").append(IndexPage.time(System.currentTimeMillis()))
                .append(" by the run started ").append(IndexPage.time(ScenarioOutcomes.RUN_STARTED)).append(".</p>\n");
        for (ReportPage.Section section : page.sections()) {
            out.append("<h2 id=\"").append(anchor(section.heading())).append("\">").append(esc(section.heading()))
                    .append("</h2>\n");
            for (ReportPage.Block block : section.blocks()) {
                out.append(render(block));
            }
        }
        return out.append("</body></html>\n").toString();
    }

    private static String render(ReportPage.Block block) {
        if (block instanceof ReportPage.Found f) {
            return "<p class=\"found\"><b>Found:</b> " + esc(f.text()) + "</p>\n";
        } else if (block instanceof ReportPage.Paragraph p) {
            return "<p>" + esc(p.text()) + "</p>\n";
        } else if (block instanceof ReportPage.Table t) {
            return table(t.caption(), t.headers(), t.rows());
        } else if (block instanceof ReportPage.BarChart c) {
            return SvgBarChart.render(c.caption(), c.bars());
        } else if (block instanceof ReportPage.TimelineChart t) {
            return SvgTimeline.render(t.timeline());
        } else if (block instanceof ReportPage.Svg c) {
            return "<figure><figcaption>" + esc(c.caption()) + "</figcaption>" + c.markup() + "</figure>\n";
        } else if (block instanceof ReportPage.Claim c) {
            return "<div class=\"claim " + c.verdict().name() + "\"><div>Seed: <q>" + esc(c.seedClaim())
                    + "</q></div><div><span class=\"verdict\">" + esc(c.verdict().label()) + ".</span> "
                    + esc(c.whatHappens()) + "</div></div>\n";
        }
        ReportPage.Figures f = (ReportPage.Figures) block;
        List<List<Object>> rows = new ArrayList<>();
        f.values().forEach((k, v) -> rows.add(List.of(k, v)));
        return table(f.caption(), List.of("figure", "value"), rows);
    }

    /** Cells longer than this are cut, with the whole text one click away: a table must fit 1200 px. */
    private static final int LONG_CELL = 140;

    static String table(String caption, List<String> headers, List<List<Object>> rows) {
        // The wrapper scrolls sideways as a last resort, with the first (key) column kept in view.
        // Many columns: a smaller type and narrower text cells, so that a faults-like table still fits.
        StringBuilder out = new StringBuilder(headers.size() > 9 ? "<div class=\"tw\"><table class=\"many\">" : "<div class=\"tw\"><table>");
        if (caption != null && !caption.isBlank()) {
            out.append("<caption>").append(esc(caption)).append("</caption>");
        }
        out.append("<tr>");
        headers.forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
        out.append("</tr>\n");
        for (List<Object> row : rows) {
            out.append("<tr>");
            for (Object cell : row) {
                out.append(cell instanceof Number ? "<td class=\"num\">" : "<td>").append(cell(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table></div>\n").toString();
    }

    private static String cell(Object value) {
        String text = format(value);
        if (text.length() <= LONG_CELL) {
            return esc(text);
        }
        return "<details><summary>" + esc(text.substring(0, LONG_CELL - 40)) + "…</summary>" + esc(text) + "</details>";
    }

    /** A heading's fragment id: lower case, runs of anything else than letters and digits as one dash. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.3f", ((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> json(ReportPage page) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", page.id());
        root.put("title", page.title());
        root.put("run_started_at", ScenarioOutcomes.RUN_STARTED);
        root.put("written_at", System.currentTimeMillis());
        List<Map<String, Object>> sections = new ArrayList<>();
        for (ReportPage.Section section : page.sections()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("heading", section.heading());
            s.put("blocks", section.blocks().stream().map(ReportWriter::jsonBlock).toList());
            sections.add(s);
        }
        root.put("sections", sections);
        return root;
    }

    private static Map<String, Object> jsonBlock(ReportPage.Block block) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", block.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        if (block instanceof ReportPage.Found f) {
            b.put("id", f.id());
            b.put("text", f.text());
        } else if (block instanceof ReportPage.Paragraph p) {
            b.put("text", p.text());
        } else if (block instanceof ReportPage.Table t) {
            b.put("caption", t.caption());
            b.put("headers", t.headers());
            b.put("rows", t.rows().stream()
                    .map(r -> r.stream().map(c -> c instanceof Number ? c : String.valueOf(c)).toList()).toList());
        } else if (block instanceof ReportPage.BarChart c) {
            b.put("caption", c.caption());
            b.put("bars", c.bars());
        } else if (block instanceof ReportPage.TimelineChart t) {
            b.put("type", "timeline");
            b.put("caption", t.timeline().caption());
            b.put("timeline", t.timeline());
        } else if (block instanceof ReportPage.Claim c) {
            b.put("seed_claim", c.seedClaim());
            b.put("verdict", c.verdict().name());
            b.put("what_happens", c.whatHappens());
            b.put("shown_by", c.shownBy());
        } else if (block instanceof ReportPage.Svg c) {
            b.put("caption", c.caption());
            b.put("data", c.data());
        } else if (block instanceof ReportPage.Figures f) {
            b.put("caption", f.caption());
            b.put("values", f.values());
        }
        return b;
    }

    /** The index is the run's dashboard; see {@link IndexPage}. */
    private static String index() {
        List<JsonNode> pages = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (ReportPage page : LabReport.pages()) {
            if (page.sections().isEmpty()) {
                continue; // opened by a class that has written nothing yet: a copy from an earlier run may stand
            }
            pages.add(JSON.valueToTree(json(page)));
            known.add(page.id());
        }
        pages.addAll(pagesOnDisk(known));
        return head("cdc-lab report") + IndexPage.body(pages, ScenarioOutcomes.load()) + "</body></html>\n";
    }

    /**
     * Every page in the report directory, not only this JVM's: the benchmarks and the main job run in JVMs of
     * their own and must not hide the pages the tests wrote (each page's JSON twin names its title).
     */
    private static List<JsonNode> pagesOnDisk(Set<String> known) {
        Map<String, JsonNode> found = new TreeMap<>();
        try (var files = Files.list(LabReport.directory())) {
            for (var file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String id = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (known.contains(id) || !Files.exists(file.resolveSibling(id + ".html"))) {
                    continue;
                }
                try {
                    JsonNode json = JSON.readTree(file.toFile());
                    if (json.hasNonNull("title")) {
                        if (!json.has("written_at") && json instanceof ObjectNode o) {
                            // a page from before pages carried their time: its file's time is the best there is
                            o.put("written_at", Files.getLastModifiedTime(file).toMillis());
                        }
                        ((ObjectNode) json).put("id", id);
                        found.put(id, json);
                    }
                } catch (IOException | ClassCastException e) {
                    // not a report page (or half written by another JVM): leave it out of the index
                }
            }
        } catch (IOException e) {
            // no directory yet: nothing on disk to list
        }
        return new ArrayList<>(found.values());
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>" + STYLE + "</style></head><body>\n";
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
