package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * C4: an unconstrained {@code numeric} has no fixed scale, so under {@code decimal.handling.mode=precise}
 * (Debezium's default) it travels as Debezium's VariableScaleDecimal and lands in Iceberg as a struct of scale and
 * unscaled bytes, not a number. Degrades, not loses: every digit is in the struct, but each reader must decode it.
 */
public final class UnconstrainedNumericAsStruct extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("unconstrained-numeric-as-struct", Severity.DEGRADES, "C4",
            "an unconstrained numeric column arrives in Iceberg as a struct of scale and bytes, not a number");

    public UnconstrainedNumericAsStruct() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        return at(Columns.places(input, c -> c.type().equals("numeric"), c -> "numeric without precision and scale",
                        (t, c) -> "ALTER TABLE " + t.qualifiedName() + " ALTER COLUMN " + c.name() + " TYPE numeric(<p>,<s>)"),
                Configs.quoteOrDefault(input.source(), "decimal.handling.mode", "precise"),
                "a precision and scale round-trip (C4); or read the struct back with its scale.");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return Configs.decimalMode(input.source()).equals("precise");
    }
}
