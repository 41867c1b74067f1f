package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.Rule;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * C4 under schemaless JSON: without the Connect schema in the record the sink infers each Iceberg type from the
 * JSON value, and Debezium's precise decimal is bytes, so {@code numeric(p,s)} lands as base64 text of the unscaled
 * value: the scale is not in the lake, the number cannot be read back from it alone.
 */
public final class SchemalessJsonDecimal implements Rule {
    public static final RuleInfo INFO = new RuleInfo("schemaless-json-decimal-as-base64", Severity.LOSES_DATA, "C4",
            "under schemaless JSON a numeric(p,s) column lands as base64 text of its unscaled value");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public Optional<Finding> check(CheckInput input) {
        CheckInput.Connector source = input.source();
        if (!Configs.isSchemalessJson(source) || !Configs.decimalMode(source).equals("precise")) {
            return Optional.empty();
        }
        String converter = Configs.quote(source, "value.converter.schemas.enable") + " with JsonConverter, "
                + "decimal.handling.mode " + Configs.decimalMode(source);
        return INFO.findingAt(input.capturedTables().stream().flatMap(t -> Columns.captured(source, t,
                        c -> c.baseType().equals("numeric") && c.type().startsWith("numeric(") && !c.isArray()).stream()
                .map(c -> Finding.place(t.qualifiedName() + "." + c.name(),
                        t.qualifiedName() + "." + c.name() + " is " + c.type(), "")))
                .toList(), converter, "Keep the schema in the records: \"value.converter.schemas.enable\": \"true\" in "
                + Configs.file(source) + " (or Avro through a registry), with which numeric(p,s) round-trips (C4).");
    }
}
