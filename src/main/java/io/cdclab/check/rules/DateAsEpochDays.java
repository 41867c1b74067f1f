package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.SchemaModel;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * C4: under Debezium's default {@code time.precision.mode} (adaptive) a {@code date} travels as Debezium's Date,
 * an int of days since 1970, and the sink makes it an Iceberg int: readers see 20783, not 2026-11-26. Degrades: the
 * value is all there. {@code time.precision.mode=connect} makes it an Iceberg date (C4's careful run).
 */
public final class DateAsEpochDays extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("date-as-epoch-days", Severity.DEGRADES, "C4",
            "under Debezium's default time.precision.mode a date column lands in Iceberg as an int of days since 1970");

    public DateAsEpochDays() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        return at(Columns.places(input, c -> c.type().equals("date"), SchemaModel.Column::type,
                        (t, c) -> "read it as date_add('1970-01-01', " + c.name() + ")"),
                Configs.quoteOrDefault(input.source(), "time.precision.mode", "adaptive"),
                "or set \"time.precision.mode\": \"connect\" in the source (then exclude time "
                        + "columns, and timestamp columns arrive as millisecond timestamptz, C4).");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return !Configs.isConnectTimePrecision(input.source());
    }
}
