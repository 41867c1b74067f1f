package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.SchemaModel;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Optional;

/**
 * C4: under {@code time.precision.mode=connect} Debezium types a {@code time} column as Connect's Time, the sink
 * creates an Iceberg {@code time} column, and Spark refuses to read the whole table ("Spark does not support time
 * fields"). {@code time with time zone} is not affected (Debezium sends it as a string in every mode).
 */
public final class TimeColumnUnderConnectPrecision extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("time-column-connect-precision", Severity.BREAKS, "C4",
            "with time.precision.mode=connect a time column makes the whole Iceberg table unreadable in Spark");

    public TimeColumnUnderConnectPrecision() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        List<Finding.Place> places = Columns.places(input,
                c -> c.baseType().equals("time without time zone") && !c.isArray(), SchemaModel.Column::type,
                (t, c) -> "");
        // One fix for every column: the exclusion list is one key, so it names them all.
        String excluded = String.join(",", places.stream().map(Finding.Place::where).toList());
        return at(places, Configs.quote(input.source(), "time.precision.mode"),
                "Keep Debezium's default time.precision.mode (adaptive), or exclude the column(s): "
                        + "\"column.exclude.list\": \"" + excluded + "\".");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return Configs.isConnectTimePrecision(input.source());
    }
}
