package io.cdclab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of the lab report: sections of paragraphs, tables and charts; a scenario's section opens with its declared
 * finding and closes with the seed claims it tests ({@link ScenarioFinding}).
 */
public final class ReportPage {
    private final String id;
    private final String title;
    private final Map<String, Section> sections = new LinkedHashMap<>();

    ReportPage(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The section with this heading, created on first use (a re-run test replaces its content). */
    public synchronized Section section(String heading) {
        return section(heading, null);
    }

    /** The section of a scenario's declared finding: opened by what it found, closed by the seed claims it tests. */
    public Section section(ScenarioFinding finding) {
        return section(finding.heading(), finding);
    }

    /** As {@link #section(ScenarioFinding)}, the heading marked with where it ran, e.g. " (Glue lake)". */
    public Section section(ScenarioFinding finding, String headingSuffix) {
        return section(finding.heading() + headingSuffix, finding);
    }

    private synchronized Section section(String heading, ScenarioFinding finding) {
        Section fresh = new Section(this, heading, finding);
        sections.put(heading, fresh);
        return fresh;
    }

    synchronized List<Section> sections() {
        return new ArrayList<>(sections.values());
    }

    /** Writes {@code <id>.html}, {@code <id>.json} and the index; returns the HTML file. */
    public Path write() {
        return ReportWriter.write(this);
    }

    /** A heading and its blocks, in the order added. */
    public static final class Section {
        private final ReportPage page;
        private final String heading;
        private final ScenarioFinding finding;
        private final List<Block> blocks = new ArrayList<>();

        Section(ReportPage page, String heading, ScenarioFinding finding) {
            this.page = page;
            this.heading = heading;
            this.finding = finding;
        }

        /** Writes the page this section belongs to (see {@link ReportPage#write()}). */
        public Path write() {
            return page.write();
        }

        public String heading() {
            return heading;
        }

        /** The finding first, then the blocks as added, then the seed claims the finding tests. */
        synchronized List<Block> blocks() {
            List<Block> all = new ArrayList<>();
            if (finding != null) {
                all.add(new Found(finding.id(), finding.found()));
            }
            all.addAll(blocks);
            if (finding != null) {
                finding.seedClaims().forEach(c -> all.add(new Claim(c.seedSays(), c.verdict(), c.labFound(), c.shownBy())));
            }
            return all;
        }

        public synchronized Section paragraph(String text) {
            blocks.add(new Paragraph(text));
            return this;
        }

        /** A table; cells are printed with {@code String.valueOf}. */
        public synchronized Section table(String caption, List<String> headers, List<List<Object>> rows) {
            blocks.add(new Table(caption, List.copyOf(headers), rows.stream().map(List::copyOf).toList()));
            return this;
        }

        /** A horizontal bar chart, one bar per entry, in the map's order. */
        public synchronized Section barChart(String caption, Map<String, ? extends Number> bars) {
            blocks.add(new BarChart(caption, new LinkedHashMap<>(bars)));
            return this;
        }

        /** A chart over time: counts per second, connector states, marks and a shaded window. */
        public synchronized Section timeline(Timeline timeline) {
            blocks.add(new TimelineChart(timeline));
            return this;
        }

        /**
         * A chart drawn by its caller as inline SVG ({@code markup}: one {@code <svg>} element, no script), for
         * shapes the bar chart cannot draw; {@code data} is what it shows, kept in the page's JSON.
         */
        public synchronized Section svg(String caption, String markup, Map<String, ?> data) {
            if (!markup.startsWith("<svg") || markup.contains("<script")) {
                throw new IllegalArgumentException("Section.svg takes one <svg> element without script, got: "
                        + markup.substring(0, Math.min(40, markup.length())));
            }
            blocks.add(new Svg(caption, markup, new LinkedHashMap<>(data)));
            return this;
        }

        /** Named figures: shown as a small table and kept in the page's JSON. */
        public synchronized Section figures(String caption, Map<String, ?> figures) {
            blocks.add(new Figures(caption, new LinkedHashMap<>(figures)));
            return this;
        }
    }

    sealed interface Block permits Found, Paragraph, Table, BarChart, TimelineChart, Claim, Figures, Svg {
    }

    record Found(String id, String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    record Table(String caption, List<String> headers, List<List<Object>> rows) implements Block {
    }

    record BarChart(String caption, Map<String, ? extends Number> bars) implements Block {
    }

    record TimelineChart(Timeline timeline) implements Block {
    }

    record Claim(String seedClaim, LabReport.Verdict verdict, String whatHappens, List<String> shownBy) implements Block {
    }

    record Figures(String caption, Map<String, ?> values) implements Block {
    }

    record Svg(String caption, String markup, Map<String, ?> data) implements Block {
    }
}
