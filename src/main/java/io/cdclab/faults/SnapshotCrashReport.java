package io.cdclab.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F12's section of the faults page: a row per fault during a snapshot and a row per snapshot it hit, rewritten as
 * each run is recorded, and each fault's row (and the run's timeline) in the page's common table
 * ({@link FaultsReport#record}).
 */
public final class SnapshotCrashReport {
    private static final String SECTION = "F12 crash during the initial snapshot";
    private static final Map<String, SnapshotCrash.Result> RESULTS = new LinkedHashMap<>();
    private static final Map<String, String> KINDS = new LinkedHashMap<>();
    private static final Map<String, String> FINDINGS = new LinkedHashMap<>();

    private SnapshotCrashReport() {
    }

    /** Adds (or replaces) one run's figures, with a sentence on what it showed, and rewrites the page. */
    public static synchronized void record(SnapshotCrash.Result result, String snapshotKind, String finding) {
        RESULTS.put(result.title(), result);
        KINDS.put(result.title(), snapshotKind);
        FINDINGS.put(result.title(), finding);
        List<List<Object>> faults = new ArrayList<>();
        List<List<Object>> runs = new ArrayList<>();
        for (SnapshotCrash.Result r : RESULTS.values()) {
            SnapshotCrash.Figures f = r.figures();
            for (SnapshotFault.Figures fault : f.faults()) {
                faults.add(List.of(fault.id(), KINDS.get(r.title()), fault.fault(), fault.attemptReads(),
                        fault.startedOver() ? "started over" : "went on", FaultsReport.seconds(fault.beforeFault()),
                        fault.toResume().map(FaultsReport::seconds).orElse("-"), FaultsReport.seconds(fault.toCatchUp()),
                        fault.restarts(), rate(fault.kafkaRowsPerSecond())));
            }
            runs.add(List.of(r.title(), f.faults().size(), f.rows(), f.exportsStarted(), f.duplicateReads(),
                    f.readsOfAbandonedAttempts(), f.insertsNeverSeen(), FaultsReport.seconds(f.lastFaultToComplete()),
                    FaultsReport.seconds(f.total()), rate(f.lakeRowsPerSecond()),
                    r.state().missing().size() + " / " + f.lostInserts().size(),
                    r.invariants().holds() ? "hold" : r.invariants().violations().size() + " violated"));
        }
        result.outcomes().forEach(FaultsReport::record);
        FaultsReport.timeline(result.title(), result.timeline());
        var section = FaultsReport.page().section(SECTION)
                .paragraph("A table of bulk rows (filled server-side with generate_series) is being snapshotted by "
                        + "Debezium while a write load changes it. The faults come one after another on the same "
                        + "snapshot, each once a further share of the rows is in Kafka and before Debezium logs the "
                        + "snapshot's end. Whatever FAILED is restarted; then every bulk id must be in the changelog, "
                        + "the materialised state must equal PostgreSQL row by row, and the lake invariants (F8) must "
                        + "hold.")
                .paragraph("Per fault: reads = records the attempt had put into Kafka since the fault before (what a "
                        + "snapshot that starts over throws away); moving again = from the fault until a new export "
                        + "began or more records arrived; back where it was = until Kafka held as many more records "
                        + "as the attempt had read.")
                .table("Faults during a snapshot", List.of("id", "snapshot", "fault", "reads", "Debezium",
                        "since fault before", "moving again", "back where it was", "restarts", "rows/s to Kafka"),
                        faults)
                .paragraph("Per snapshot: duplicate reads = snapshot reads beyond one per bulk row, left in the "
                        + "append-only changelog (materialisation absorbs them), beside the reads the faults threw "
                        + "away; inserts never seen = rows the load inserted and deleted again before a snapshot that "
                        + "started over (neither event reaches the changelog, as streaming resumes after the new "
                        + "snapshot).")
                .table("Snapshots hit by faults", List.of("run", "faults", "rows", "exports", "duplicate reads",
                        "reads thrown away", "inserts never seen", "last fault to complete", "total", "rows/s to lake",
                        "lost (state / load inserts)", "F8"), runs);
        RESULTS.keySet().forEach(title -> section.paragraph(title + ": " + FINDINGS.get(title)));
        FaultsReport.page().write();
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
