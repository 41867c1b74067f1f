package io.cdclab.faults.soak;

import io.cdclab.verify.LakeInvariants;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a soak found: the schedule as it ran, each fault's recovery, and the checks at the end. */
public record SoakResult(ChaosSchedule schedule, List<String> faultsLeftOut, List<Injected> injected, Duration loaded,
                         long committedTransactions, long failedTransactions, List<TableCheck> tables,
                         List<LakeInvariants.Result> invariants) {

    /** A fault as it happened: when (after the soak's start), its time to recover, the restarts that needed. */
    public record Injected(ChaosFault fault, Duration at, Duration recovery, int restarts, List<String> failures) {
    }

    /**
     * One source table against the lake: keyed ones row by row (current state), the keyless one by count.
     * {@code rawDuplicates}: change events appended twice (same key and Kafka offset; for the keyless,
     * insert-only table, rows beyond PostgreSQL's count).
     * <p>
     * A keyed table matches when its current state equals PostgreSQL's. The keyless table matches when no row is
     * missing: the pipeline delivers at least once, and without a key nothing downstream can tell a replayed event
     * from a new row, so its duplicates are a finding to report, not a failure of the run.
     */
    public record TableCheck(String table, boolean keyed, long sourceRows, long lakeRows, long missing, long extra,
                             long differing, long rawDuplicates, String summary) {
        public boolean matches() {
            return missing == 0 && (!keyed || (extra == 0 && differing == 0));
        }
    }

    /** Rows the keyless table holds twice: at-least-once delivery, which no key can undo. */
    public long keylessDuplicates() {
        return tables.stream().filter(t -> !t.keyed()).mapToLong(TableCheck::extra).sum();
    }

    /** Rows PostgreSQL has that the lake's state lacks, across every table. */
    public long rowsLost() {
        return tables.stream().mapToLong(TableCheck::missing).sum();
    }

    /** Rows in the lake's state that PostgreSQL does not have, or that differ, across keyed tables. */
    public long stateDuplicatesOrDifferences() {
        return tables.stream().filter(TableCheck::keyed).mapToLong(t -> t.extra() + t.differing()).sum();
    }

    public boolean passed() {
        return tables.stream().allMatch(TableCheck::matches) && invariants.stream().allMatch(LakeInvariants.Result::holds);
    }

    /** Every check that failed, one line each, with the seed and schedule to replay it. */
    public String failures() {
        StringBuilder b = new StringBuilder("S1 soak (" + schedule.describe() + "; replay with -Dbench.soak.seed="
                + schedule.seed() + ")");
        tables.stream().filter(t -> !t.matches()).forEach(t -> b.append("\n  ").append(t.table()).append(": ").append(t.summary()));
        invariants.stream().filter(i -> !i.holds()).forEach(i -> b.append("\n  F8 ").append(i.summary()));
        return b.toString();
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", schedule.seed());
        m.put("schedule", schedule.faults().stream().map(ChaosSchedule.Planned::toString).toList());
        m.put("faults_left_out", faultsLeftOut);
        m.put("faults", injected.stream().map(i -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("fault", i.fault().name());
            f.put("description", i.fault().description());
            f.put("at_s", seconds(i.at()));
            f.put("recovery_s", seconds(i.recovery()));
            f.put("restarts", i.restarts());
            return f;
        }).toList());
        m.put("load_s", seconds(loaded));
        m.put("transactions_committed", committedTransactions);
        m.put("transactions_failed", failedTransactions);
        m.put("rows_lost", rowsLost());
        m.put("materialised_duplicates_or_differences", stateDuplicatesOrDifferences());
        m.put("raw_duplicate_events", tables.stream().mapToLong(TableCheck::rawDuplicates).sum());
        m.put("keyless_duplicate_rows", keylessDuplicates());
        m.put("tables", tables.stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", t.table());
            row.put("check", t.keyed() ? "row by row" : "count");
            row.put("postgres_rows", t.sourceRows());
            row.put("lake_rows", t.lakeRows());
            row.put("missing", t.missing());
            row.put("extra", t.extra());
            row.put("differing", t.differing());
            row.put("raw_duplicates", t.rawDuplicates());
            return row;
        }).toList());
        m.put("f8", invariants.stream().map(i -> Map.of("table", i.table(), "holds", i.holds(), "summary", i.summary())).toList());
        m.put("passed", passed());
        return m;
    }

    /** The readable version of {@link #asMap}, for soak.md. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# S1: chaos under load\n\n");
        md.append("Seed ").append(schedule.seed()).append(" (replay: `-Dbench.soak.seed=").append(schedule.seed())
                .append("`), ").append(String.format("%.0f", seconds(loaded))).append(" s of load, ")
                .append(committedTransactions).append(" transactions committed, ").append(failedTransactions)
                .append(" refused while PostgreSQL was down. Verdict: **").append(passed() ? "passed" : "FAILED")
                .append("**; rows lost ").append(rowsLost()).append(", duplicates or differences in the keyed tables' "
                        + "materialised state ").append(stateDuplicatesOrDifferences()).append(", rows the keyless table "
                        + "holds twice (at-least-once delivery) ").append(keylessDuplicates()).append(".\n\n");
        if (!faultsLeftOut.isEmpty()) {
            md.append("Left out on this backend: ").append(String.join("; ", faultsLeftOut)).append(".\n\n");
        }
        md.append("| # | at (s) | fault | recovery (s) | restarts |\n|---|---|---|---|---|\n");
        for (int n = 0; n < injected.size(); n++) {
            Injected i = injected.get(n);
            md.append(String.format("| %d | %.0f | %s | %.1f | %d |%n", n + 1, seconds(i.at()), i.fault().description(),
                    seconds(i.recovery()), i.restarts()));
        }
        md.append("\n| table | check | PostgreSQL | lake | missing | extra | differing | raw duplicates |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (TableCheck t : tables) {
            md.append(String.format("| %s | %s | %d | %d | %d | %d | %d | %d |%n", t.table(), t.keyed() ? "row by row" : "count",
                    t.sourceRows(), t.lakeRows(), t.missing(), t.extra(), t.differing(), t.rawDuplicates()));
        }
        md.append("\nF8 lake invariants:\n\n");
        invariants.forEach(i -> md.append("- ").append(i.summary()).append('\n'));
        return md.toString();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
