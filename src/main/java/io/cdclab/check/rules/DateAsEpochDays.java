package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.Rule;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * C4: under Debezium's default {@code time.precision.mode} (adaptive) a {@code date} travels as Debezium's Date,
 * an int of days since 1970, and the sink makes it an Iceberg int: readers see 20783, not 2026-11-26. Degrades: the
 * value is all there. {@code time.precision.mode=connect} makes it an Iceberg date (C4's careful run).
 */
public final class DateAsEpochDays implements Rule {
    public static final RuleInfo INFO = new RuleInfo("date-as-epoch-days", Severity.DEGRADES, "C4",
            "under Debezium's default time.precision.mode a date column lands in Iceberg as an int of days since 1970");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Optional<Finding> check(CheckInput input) {
        CheckInput.Connector source = input.source();
        if ("connect".equalsIgnoreCase(source.getOrDefault("time.precision.mode", "adaptive").strip())) {
            return Optional.empty();
        }
        String mode = source.get("time.precision.mode") == null
                ? Configs.file(source) + " leaves time.precision.mode at Debezium's default, adaptive"
                : Configs.quote(source, "time.precision.mode");
        return INFO.findingAt(input.capturedTables().stream().flatMap(t -> Columns.captured(source, t,
                        c -> c.type().equals("date")).stream()
                .map(c -> Finding.place(t.qualifiedName() + "." + c.name(), t.qualifiedName() + "." + c.name()
                        + " is date", "read it as date_add('1970-01-01', " + c.name() + ")")))
                .toList(), mode, "or set \"time.precision.mode\": \"connect\" in the source (then exclude time "
                + "columns, and timestamp columns arrive as millisecond timestamptz, C4).");
    }
}
