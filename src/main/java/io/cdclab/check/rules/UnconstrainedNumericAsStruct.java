package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.Rule;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * C4: an unconstrained {@code numeric} has no fixed scale, so under {@code decimal.handling.mode=precise}
 * (Debezium's default) it travels as Debezium's VariableScaleDecimal and lands in Iceberg as a struct of scale and
 * unscaled bytes, not a number. Degrades, not loses: every digit is in the struct, but each reader must decode it.
 */
public final class UnconstrainedNumericAsStruct implements Rule {
    public static final RuleInfo INFO = new RuleInfo("unconstrained-numeric-as-struct", Severity.DEGRADES, "C4",
            "an unconstrained numeric column arrives in Iceberg as a struct of scale and bytes, not a number");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Optional<Finding> check(CheckInput input) {
        CheckInput.Connector source = input.source();
        if (!Configs.decimalMode(source).equals("precise")) {
            return Optional.empty();
        }
        String mode = source.get("decimal.handling.mode") == null
                ? Configs.file(source) + " leaves decimal.handling.mode at Debezium's default, precise"
                : Configs.quote(source, "decimal.handling.mode");
        return INFO.findingAt(input.capturedTables().stream().flatMap(t -> Columns.captured(source, t,
                        c -> c.type().equals("numeric")).stream()
                .map(c -> Finding.place(t.qualifiedName() + "." + c.name(),
                        t.qualifiedName() + "." + c.name() + " is numeric without precision and scale",
                        "ALTER TABLE " + t.qualifiedName() + " ALTER COLUMN " + c.name() + " TYPE numeric(<p>,<s>)")))
                .toList(), mode, "a precision and scale round-trip (C4); or read the struct back with its scale.");
    }
}
