package io.cdclab.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * F12's section of the faults page: one row per crash during a snapshot, rewritten as each one is recorded, and
 * each fault's row and timeline in the page's common table ({@link FaultsReport#record}).
 */
public final class SnapshotCrashReport {
    private static final String SECTION = "F12 crash during the initial snapshot";
    private static final Map<String, SnapshotCrash.Result> RESULTS = new LinkedHashMap<>();
    private static final Map<String, String> NOTES = new LinkedHashMap<>();

    private SnapshotCrashReport() {
    }

    /** Adds (or replaces) one fault's figures, with a sentence on what it showed, and rewrites the page. */
    public static synchronized void record(SnapshotCrash.Result result, String snapshotKind, String finding) {
        RESULTS.put(result.outcome().id(), result);
        NOTES.put(result.outcome().id(), snapshotKind + "|" + finding);
        List<List<Object>> rows = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (SnapshotCrash.Result r : RESULTS.values()) {
            SnapshotCrash.Figures f = r.figures();
            String[] note = NOTES.get(r.outcome().id()).split("\\|", 2);
            rows.add(List.of(r.outcome().id(), note[0], f.rows(), f.inKafkaAtFault(),
                    f.exportsStarted() > 1 ? "started over (" + f.exportsStarted() + " exports)"
                            : f.exportsStarted() == 1 ? "one export" : "-",
                    f.duplicateReads(), f.insertsNeverSeen(), FaultsReport.seconds(f.beforeFault()), FaultsReport.seconds(f.faultToComplete()),
                    FaultsReport.seconds(f.total()), f.restarts(), rate(f.kafkaRowsPerSecond()),
                    rate(f.lakeRowsPerSecond()), r.state().missing().size() + " / " + f.lostInserts().size(),
                    r.invariants().holds() ? "hold" : r.invariants().violations().size() + " violated"));
            findings.add(r.outcome().id() + ": " + note[1]);
        }
        FaultsReport.record(result.outcome(), result.timeline());
        var section = FaultsReport.page().section(SECTION)
                .paragraph("A table of bulk rows (filled server-side with generate_series) is being snapshotted by "
                        + "Debezium while a write load changes it; the fault comes once a share of the rows is in "
                        + "Kafka and before Debezium logs the snapshot's end. Whatever FAILED is restarted; then "
                        + "every bulk id must be in the changelog, the materialised state must equal PostgreSQL row "
                        + "by row, and the lake invariants (F8) must hold. Duplicate reads: snapshot reads beyond one "
                        + "per bulk row, left in the append-only changelog (materialisation absorbs them). Inserts never "
                        + "seen: rows the load inserted and deleted again before a snapshot that started over; "
                        + "neither event reaches the changelog, as streaming resumes after the new snapshot. "
                        + "Recovery: from the fault until the last bulk row is in Iceberg.")
                .table("Crashes during a snapshot", List.of("id", "snapshot", "rows", "in Kafka at fault",
                        "Debezium exports", "duplicate reads", "inserts never seen", "start to fault",
                        "fault to complete", "total", "restarts", "rows/s to Kafka", "rows/s to lake",
                        "lost (state / load inserts)", "F8"), rows);
        findings.forEach(section::paragraph);
        FaultsReport.page().write();
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }
}
