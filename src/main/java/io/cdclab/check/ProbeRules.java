package io.cdclab.check;

import java.util.List;

/**
 * The dynamic probe's rules, each backed by the lab scenario that shows the problem. The probe writes real rows
 * through the team's pipeline and reads the lake back, so each finding is something that happened, not a guess.
 */
public final class ProbeRules {
    /** PostgreSQL itself refuses the application's UPDATE or DELETE once the table is published (K3). */
    public static final RuleInfo WRITE_REFUSED = new RuleInfo("probe-write-refused", Severity.BREAKS, "K3",
            "PostgreSQL refuses UPDATE and DELETE on a published table without a replica identity: the "
                    + "application's own writes fail");
    /** A column makes the whole table unreadable for Spark (C4: time under time.precision.mode=connect). */
    public static final RuleInfo COLUMN_UNREADABLE = new RuleInfo("probe-column-unreadable", Severity.BREAKS, "C4",
            "a column the sink wrote makes the Iceberg table unreadable for Spark, the whole table");
    /** A value came back as something else, not decodable to what was written (C4). */
    public static final RuleInfo VALUE_CHANGED = new RuleInfo("probe-value-changed", Severity.LOSES_DATA, "C4",
            "a value written to PostgreSQL came back from the lake changed");
    /**
     * The value survived, in another type: epoch days for a date, microseconds for a time, ISO text for a
     * timestamptz. Readers must convert it, which is work and a trap, but nothing is lost: so it degrades (C4's
     * defaults do this for date, time, timestamp and timestamptz; failing every pipeline with a timestamptz
     * column would make the check useless).
     */
    public static final RuleInfo TYPE_CHANGED = new RuleInfo("probe-type-changed", Severity.DEGRADES, "C4",
            "a value came back intact but as another type, which every reader must convert");
    /** An unchanged TOASTed value arrived as Debezium's placeholder instead of the value (C5). */
    public static final RuleInfo TOAST_PLACEHOLDER = new RuleInfo("probe-toast-placeholder", Severity.LOSES_DATA, "C5",
            "an UPDATE that left a large (TOASTed) value unchanged put Debezium's placeholder into the lake instead");
    /** A written row, or a change event (a delete), never reached the lake (C1 snapshot, C2 current state). */
    public static final RuleInfo ROWS_MISSING = new RuleInfo("probe-rows-missing", Severity.LOSES_DATA, "C2",
            "rows or change events written to PostgreSQL did not reach the lake");

    /**
     * Rows written into a partition after the snapshot never reached the lake while the snapshot's did: the
     * publication publishes the partitions under their own names (K7).
     */
    public static final RuleInfo PARTITION_CHANGES_MISSING = new RuleInfo("probe-partition-changes-missing",
            Severity.LOSES_DATA, "K7", "changes written into a partition after the snapshot did not reach the lake");

    private ProbeRules() {
    }

    /** Every rule the probe runs, in the order the report lists them. */
    public static List<RuleInfo> all() {
        return List.of(WRITE_REFUSED, COLUMN_UNREADABLE, VALUE_CHANGED, TYPE_CHANGED, TOAST_PLACEHOLDER, PARTITION_CHANGES_MISSING,
                ROWS_MISSING);
    }
}
