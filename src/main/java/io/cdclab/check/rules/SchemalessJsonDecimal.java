package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.SchemaModel;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * C4 under schemaless JSON: without the Connect schema in the record the sink infers each Iceberg type from the
 * JSON value, and Debezium's precise decimal is bytes, so {@code numeric(p,s)} lands as base64 text of the unscaled
 * value: the scale is not in the lake, the number cannot be read back from it alone.
 */
public final class SchemalessJsonDecimal extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("schemaless-json-decimal-as-base64", Severity.LOSES_DATA, "C4",
            "under schemaless JSON a numeric(p,s) column lands as base64 text of its unscaled value");

    public SchemalessJsonDecimal() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        String converter = Configs.quote(input.source(), "value.converter.schemas.enable") + " with JsonConverter, "
                + "decimal.handling.mode " + Configs.decimalMode(input.source());
        return at(Columns.places(input,
                        c -> c.baseType().equals("numeric") && c.type().startsWith("numeric(") && !c.isArray(),
                        SchemaModel.Column::type, (t, c) -> ""),
                converter, "Keep the schema in the records: \"value.converter.schemas.enable\": \"true\" in "
                        + Configs.file(input.source()) + " (or Avro through a registry), with which numeric(p,s) round-trips (C4).");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        return Configs.isSchemalessJson(input.source()) && Configs.decimalMode(input.source()).equals("precise");
    }
}
