package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.Rule;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Optional;

/**
 * C4: under {@code time.precision.mode=connect} Debezium types a {@code time} column as Connect's Time, the sink
 * creates an Iceberg {@code time} column, and Spark refuses to read the whole table ("Spark does not support time
 * fields"). {@code time with time zone} is not affected (Debezium sends it as a string in every mode).
 */
public final class TimeColumnUnderConnectPrecision implements Rule {
    public static final RuleInfo INFO = new RuleInfo("time-column-connect-precision", Severity.BREAKS, "C4",
            "with time.precision.mode=connect a time column makes the whole Iceberg table unreadable in Spark");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Optional<Finding> check(CheckInput input) {
        CheckInput.Connector source = input.source();
        if (!"connect".equalsIgnoreCase(source.getOrDefault("time.precision.mode", "adaptive").strip())) {
            return Optional.empty();
        }
        List<Finding.Place> places = input.capturedTables().stream().flatMap(t -> Columns.captured(source, t,
                        c -> c.baseType().equals("time without time zone") && !c.isArray()).stream()
                .map(c -> Finding.place(t.qualifiedName() + "." + c.name(),
                        t.qualifiedName() + "." + c.name() + " is " + c.type(), "")))
                .toList();
        // One fix for every column: the exclusion list is one key, so it names them all.
        String excluded = String.join(",", places.stream().map(Finding.Place::where).toList());
        return INFO.findingAt(places, Configs.quote(source, "time.precision.mode"),
                "Keep Debezium's default time.precision.mode (adaptive), or exclude the column(s): "
                        + "\"column.exclude.list\": \"" + excluded + "\".");
    }
}
