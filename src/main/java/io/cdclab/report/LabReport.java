package io.cdclab.report;

import io.cdclab.util.LabHome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's report for people: one HTML page per scenario family under {@code target/cdc-lab-report/} (opens
 * from disk, no network: charts are inline SVG), each with a JSON twin for machines, and an index. Tests add
 * sections as they learn things; every {@link ReportPage#write()} re-renders the page, so a failed run still
 * leaves what was found up to then.
 *
 * <pre>{@code
 * static final ScenarioFinding P1 = ScenarioFinding.of("P1", "distribution by strategy",
 *         "Null keys stick to one partition per batch; only the round-robin partitioner is even.")
 *     .tests("Null-key messages are sent round-robin", Verdict.REFUTED);
 *
 * ReportPage page = LabReport.page("partitions", "Keys and partitions");
 * page.section(P1)
 *     .paragraph("Thousands of changes on a topic of 6 partitions ...")
 *     .barChart("Events per partition, keyed", Map.of("p0", 1650, "p1", 1702))
 *     .table(List.of("strategy", "max/min", "CV"), rows);
 * page.write();
 * }</pre>
 */
public final class LabReport {
    private static final Map<String, ReportPage> PAGES = new LinkedHashMap<>();

    private LabReport() {
    }

    /** The page of a scenario family, created on first use; {@code id} names its files (e.g. "partitions"). */
    public static synchronized ReportPage page(String id, String title) {
        return PAGES.computeIfAbsent(id, key -> new ReportPage(key, title));
    }

    /** Where the report lives: {@code <project>/target/cdc-lab-report/}. */
    public static Path directory() {
        return LabHome.locate().resolve("target/cdc-lab-report");
    }

    /** Drops a page from the report (its files and its index entry); for the report's own tests. */
    static synchronized void forget(String id) throws IOException {
        PAGES.remove(id);
        Files.deleteIfExists(directory().resolve(id + ".html"));
        Files.deleteIfExists(directory().resolve(id + ".json"));
        ReportWriter.writeIndex();
    }

    static synchronized List<ReportPage> pages() {
        return new ArrayList<>(PAGES.values());
    }

    /** What a seed claim turned out to be, as measured. */
    public enum Verdict {
        CONFIRMED("confirmed"), REFUTED("not what happens"), NUANCED("true, with a catch");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
