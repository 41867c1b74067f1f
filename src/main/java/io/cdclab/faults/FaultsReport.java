package io.cdclab.faults;

import io.cdclab.report.LabReport;
import io.cdclab.report.ReportPage;
import io.cdclab.report.Timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The report's faults page: one row per fault, re-rendered each time a fault scenario records its outcome. */
public final class FaultsReport {
    public static final String PAGE_ID = "faults";
    private static final Map<String, FaultOutcome> OUTCOMES = new LinkedHashMap<>();
    /** In id order (F1, F2, F2r, F3 ... G3), whichever class ran first. */
    private static final Map<String, Timeline> TIMELINES = new TreeMap<>();
    /** The faults whose outages are compared: two ways of rotating credentials, on the store and on Glue. */
    private static final Map<String, String> COMPARED = Map.of("F1", "F1: worker bounce (seed runbook)",
            "F2", "F2: sink restart, keys from a file", "F2r", "F2r: refreshing provider, no restart",
            "G2", "G2: worker bounce, fresh STS session", "G3", "G3: refreshing provider, no restart");

    private FaultsReport() {
    }

    public static ReportPage page() {
        return LabReport.page(PAGE_ID, "Credentials and faults");
    }

    /** Adds (or replaces) a fault's row and its timeline, and rewrites the page. */
    public static synchronized void record(FaultOutcome outcome, Timeline timeline) {
        TIMELINES.put(outcome.id(), timeline);
        record(outcome);
    }

    /** Adds (or replaces) the timeline of a fault that has no row in the faults table (e.g. F6), and rewrites the page. */
    public static synchronized void timeline(String id, Timeline timeline) {
        TIMELINES.put(id, timeline);
        writeTimelines();
        page().write();
    }

    /** Adds (or replaces) a fault's row and rewrites the page. */
    public static synchronized void record(FaultOutcome outcome) {
        OUTCOMES.put(outcome.id(), outcome);
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Double> recovery = new LinkedHashMap<>();
        for (FaultOutcome o : OUTCOMES.values()) {
            rows.add(List.of(o.id(), o.fault(), o.timeToDetect().map(FaultsReport::seconds).orElse("not shown by any status"),
                    o.firstSign(), seconds(o.timeToRecover()), o.recoveryAction().map(FaultsReport::seconds).orElse("-"),
                    o.restartsNeeded(), o.rowsMissingMaterialised(), o.rowsExtraMaterialised() + o.rowsDifferingMaterialised(),
                    o.rawEvents(), o.rawDuplicateEvents(), o.rawMissingInserts(),
                    o.committedTransactions() + " / " + o.failedTransactions()));
            recovery.put(o.id(), o.timeToRecover().toMillis() / 1000.0);
        }
        page().section("Faults under a continuous write load")
                .paragraph("Each fault is injected while a writer commits one transaction every 100 ms (an insert, "
                        + "every third tick an update, every tenth a delete). Time to detect: from the fault until a "
                        + "connector or task status is no longer RUNNING (or Connect's REST API does not answer), polled "
                        + "every 250 ms. Time to recover: from the fault until a row written after it is in the Iceberg "
                        + "table. Materialised: the current state rebuilt from the changelog compared with PostgreSQL row "
                        + "by row. Raw: the changelog itself; a duplicate is the same change event appended twice "
                        + "(at-least-once delivery), which materialisation absorbs.")
                // Short headers so that 13 columns fit a 1200 px window; the legend spells them out.
                .paragraph("Columns: detect / recover = time to detect / to recover; action = how long the recovery "
                        + "action took; restarts = task restarts needed; rows lost and extra / diff. (rows extra or "
                        + "differing) are materialised; raw ev., raw dup., raw ins. missing = raw events, raw duplicate "
                        + "events, raw inserts missing; tx ok / failed = transactions committed / failed.")
                .table("Faults", List.of("id", "fault", "detect", "first sign", "recover", "action", "restarts",
                        "rows lost", "extra / diff.", "raw ev.", "raw dup.", "raw ins. missing", "tx ok / failed"), rows)
                .barChart("Time to recover (s)", recovery);
        if (RecoveryComparison.FAULTS.contains(outcome.id())) {
            page().section("Recovery: default settings against the recovery profile")
                    .paragraph("The suite runs F3-F5 and F9 with the recovery profile (io.cdclab.profiles.RecoveryProfile, "
                            + "-Dlab.profile=recovery) to keep CI short. The recovery benchmark (-Dbench.suite=recovery) "
                            + "times each under the lab's default settings and under the profile in one run"
                            + RecoveryComparison.benchSource().map(source -> "; its figures: " + source)
                                    .orElse("; it has not run here yet")
                            + ". Load average: the machine's, when the fault was injected.")
                    .table("Time to recover", List.of("id", "this run's suite", "bench: default settings",
                            "bench: recovery profile"), RecoveryComparison.rows(OUTCOMES));
        }
        writeTimelines();
        page().write();
    }

    /** One section: the outages compared, then each fault's timeline, in the order the faults ran. */
    private static void writeTimelines() {
        ReportPage.Section section = page().section("Timelines: each fault over time");
        Map<String, Double> outages = new LinkedHashMap<>();
        new TreeMap<>(COMPARED).forEach((id, label) -> outcome(id).ifPresent(o -> outages.put(label,
                o.timeToRecover().toMillis() / 1000.0)));
        if (!outages.isEmpty()) {
            section.paragraph("Rotating credentials: the outage of each way (F1, F2: the embedded object store; G2, G3: "
                    + "STS sessions on the Glue lake), from the revocation until a row written after it is in Iceberg.")
                    .barChart("Outage compared: credentials revoked until rows flow again (s)", outages);
        }
        if (!TIMELINES.isEmpty()) {
            section.paragraph("Each chart: row changes committed in PostgreSQL per second (line) and landing in the "
                    + "Iceberg changelog per second (area, from the table's snapshots: the sink lands rows in batches, "
                    + "once per commit), each connector's state below (polled every 500 ms), the fault and the "
                    + "recovery actions as numbered marks, and the outage shaded: from the fault until a row written "
                    + "after it is in Iceberg. A batch more than five times the write rate is cut at the top of the "
                    + "axis, with its value written beside it.");
            TIMELINES.values().forEach(section::timeline);
        }
    }



    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static Optional<FaultOutcome> outcome(String id) {
        return Optional.ofNullable(OUTCOMES.get(id));
    }
}
