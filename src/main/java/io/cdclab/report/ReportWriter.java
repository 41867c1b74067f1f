package io.cdclab.report;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders report pages as self-contained HTML (inline CSS and SVG) and JSON, and keeps the index current. */
final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222;line-height:1.45}
            h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:.8rem 0}th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
            th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
            caption{text-align:left;font-weight:600;padding:.3rem 0}
            .claim{border-left:4px solid #999;padding:.3rem .8rem;margin:.8rem 0;background:#fafafa}
            .CONFIRMED{border-color:#2a7}.REFUTED{border-color:#c33}.NUANCED{border-color:#d90}
            .verdict{font-weight:600}figure{margin:1rem 0}figcaption{font-weight:600}
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
        out.append("<p><a href=\"index.html\">cdc-lab report</a></p><h1>").append(esc(page.title())).append("</h1>\n");
        for (ReportPage.Section section : page.sections()) {
            out.append("<h2>").append(esc(section.heading())).append("</h2>\n");
            for (ReportPage.Block block : section.blocks()) {
                out.append(render(block));
            }
        }
        return out.append("</body></html>\n").toString();
    }

    private static String render(ReportPage.Block block) {
        if (block instanceof ReportPage.Paragraph p) {
            return "<p>" + esc(p.text()) + "</p>\n";
        } else if (block instanceof ReportPage.Table t) {
            return table(t.caption(), t.headers(), t.rows());
        } else if (block instanceof ReportPage.BarChart c) {
            return SvgBarChart.render(c.caption(), c.bars());
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

    private static String table(String caption, List<String> headers, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder("<table>");
        if (caption != null && !caption.isBlank()) {
            out.append("<caption>").append(esc(caption)).append("</caption>");
        }
        out.append("<tr>");
        headers.forEach(h -> out.append("<th>").append(esc(h)).append("</th>"));
        out.append("</tr>\n");
        for (List<Object> row : rows) {
            out.append("<tr>");
            for (Object cell : row) {
                out.append(cell instanceof Number ? "<td class=\"num\">" : "<td>").append(esc(format(cell))).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</table>\n").toString();
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
        if (block instanceof ReportPage.Paragraph p) {
            b.put("text", p.text());
        } else if (block instanceof ReportPage.Table t) {
            b.put("caption", t.caption());
            b.put("headers", t.headers());
            b.put("rows", t.rows().stream()
                    .map(r -> r.stream().map(c -> c instanceof Number ? c : String.valueOf(c)).toList()).toList());
        } else if (block instanceof ReportPage.BarChart c) {
            b.put("caption", c.caption());
            b.put("bars", c.bars());
        } else if (block instanceof ReportPage.Claim c) {
            b.put("seed_claim", c.seedClaim());
            b.put("verdict", c.verdict().name());
            b.put("what_happens", c.whatHappens());
        } else if (block instanceof ReportPage.Figures f) {
            b.put("caption", f.caption());
            b.put("values", f.values());
        }
        return b;
    }

    /**
     * Every page in the report directory, not only this JVM's: the benchmarks and the main job run in JVMs of
     * their own and must not hide the pages the tests wrote (each page's JSON twin names its title).
     */
    private static String index() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (ReportPage page : LabReport.pages()) {
            entries.put(page.id(), page.title() + " (" + page.sections().size() + " sections)");
        }
        entries.putAll(pagesOnDisk(entries.keySet()));
        StringBuilder out = new StringBuilder(head("cdc-lab report"));
        out.append("<h1>cdc-lab report</h1><p>What the lab measured about PostgreSQL → Debezium → Kafka → Iceberg → "
                + "Spark SQL, one page per scenario family (ids as in SCENARIOS.md).</p><ul>\n");
        entries.forEach((id, label) -> out.append("<li><a href=\"").append(esc(id)).append(".html\">")
                .append(esc(label)).append("</a></li>\n"));
        return out.append("</ul></body></html>\n").toString();
    }

    private static Map<String, String> pagesOnDisk(java.util.Set<String> known) {
        Map<String, String> found = new java.util.TreeMap<>();
        try (var files = java.nio.file.Files.list(LabReport.directory())) {
            for (var file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String id = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (known.contains(id) || !java.nio.file.Files.exists(file.resolveSibling(id + ".html"))) {
                    continue;
                }
                try {
                    var json = JSON.readTree(file.toFile());
                    if (json.hasNonNull("title")) {
                        found.put(id, json.get("title").asText() + " (" + json.path("sections").size() + " sections)");
                    }
                } catch (java.io.IOException e) {
                    // not a report page (or half written by another JVM): leave it out of the index
                }
            }
        } catch (java.io.IOException e) {
            // no directory yet: nothing on disk to list
        }
        return found;
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
