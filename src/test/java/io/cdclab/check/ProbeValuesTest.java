package io.cdclab.check;

import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe's values and its verdicts on what came back, without a server (CheckProbeTest runs them for real). */
class ProbeValuesTest {

    @Test
    void aValueThatSurvivedInAnotherTypeIsToldFromOneThatChanged() {
        assertThat(ProbeValueCheck.classify(LocalDate.of(2026, 11, 26), 20783)).isEqualTo(ProbeValueCheck.Kind.TYPE_CHANGED);
        assertThat(ProbeValueCheck.classify(LocalTime.of(13, 45, 30, 123_456_000), 49_530_123_456L))
                .as("adaptive time: microseconds").isEqualTo(ProbeValueCheck.Kind.TYPE_CHANGED);
        assertThat(ProbeValueCheck.classify(LocalDateTime.of(2026, 11, 26, 13, 45, 30), 1_795_700_730_000_000L))
                .as("adaptive timestamp: microseconds since 1970").isEqualTo(ProbeValueCheck.Kind.TYPE_CHANGED);
        assertThat(ProbeValueCheck.classify(Instant.parse("2026-11-26T11:45:30.123456Z"), "2026-11-26T11:45:30.123456Z"))
                .as("timestamptz as ISO text").isEqualTo(ProbeValueCheck.Kind.TYPE_CHANGED);
        assertThat(ProbeValueCheck.classify(LocalDateTime.of(2026, 11, 26, 13, 45, 30, 123_456_000),
                Timestamp.from(Instant.parse("2026-11-26T13:45:30.123Z"))))
                .as("connect mode: a timestamp cut to milliseconds").isEqualTo(ProbeValueCheck.Kind.VALUE_CHANGED);
        assertThat(ProbeValueCheck.classify(new BigDecimal("3.14"), "3.15")).isEqualTo(ProbeValueCheck.Kind.VALUE_CHANGED);
        assertThat(ProbeValueCheck.classify(new BigDecimal("3.14"), "3.14")).as("decimal.handling.mode=string")
                .isEqualTo(ProbeValueCheck.Kind.TYPE_CHANGED);
        assertThat(ProbeValueCheck.classify(new BigDecimal("3.14"), new GenericRowWithSchema(
                new Object[] {2, BigInteger.valueOf(314).toByteArray()}, new StructType()
                .add("scale", "int").add("value", "binary"))))
                .as("an unconstrained numeric's struct: unusable to a reader, so a changed value to the probe")
                .isEqualTo(ProbeValueCheck.Kind.VALUE_CHANGED);
        assertThat(ProbeValueCheck.classify("x".repeat(9000), ProbeValueCheck.PLACEHOLDER)).isEqualTo(ProbeValueCheck.Kind.PLACEHOLDER);
        assertThat(ProbeValueCheck.classify(new byte[]{1}, ProbeValueCheck.PLACEHOLDER.getBytes(StandardCharsets.UTF_8)))
                .as("a bytea's placeholder is the text's bytes").isEqualTo(ProbeValueCheck.Kind.PLACEHOLDER);
    }

    @Test
    void valuesFitTheirColumnAndDifferPerRowAndVariant() {
        SchemaModel.Column code = new SchemaModel.Column("code", "character varying(3)", true);
        assertThat(ProbeValues.expression(code, 1, 0, List.of())).hasValue("CAST('2 G' AS character varying(3))");
        SchemaModel.Column amount = new SchemaModel.Column("amount", "numeric(5,2)", true);
        assertThat(List.of(1, 2, 3)).extracting(row -> ProbeValues.expression(amount, row, 0, List.of()).orElseThrow())
                .containsExactly("CAST('1.11' AS numeric(5,2))", "CAST('999.12' AS numeric(5,2))", "CAST('-3.13' AS numeric(5,2))");
        assertThat(ProbeValues.expression(amount, 2, 1, List.of())).hasValue("CAST('999.13' AS numeric(5,2))");
        assertThat(ProbeValues.expression(new SchemaModel.Column("tags", "integer[]", false), 1, 0, List.of()))
                .hasValue("CAST(ARRAY[CAST('100' AS integer), CAST('2147483646' AS integer)] AS integer[])");
        assertThat(ProbeValues.expression(new SchemaModel.Column("mood", "mood", true), 1, 0, List.of("sad", "ok")))
                .hasValue("CAST('ok' AS mood)");
        assertThat(ProbeValues.expression(new SchemaModel.Column("shape", "geometry", false), 1, 0, List.of())).isEmpty();
        assertThat(ProbeValues.toastable(new SchemaModel.Column("note", "character varying(200)", false))).isFalse();
        assertThat(ProbeValues.toastable(new SchemaModel.Column("body", "text", false))).isTrue();
        assertThat(ProbeValues.toastable(new SchemaModel.Column("body", "varchar", false))).as("an alias").isTrue();
        assertThat(ProbeValues.expression(new SchemaModel.Column("at", "timestamptz", false), 2, 0, List.of()))
                .as("an alias").hasValue("CAST('2000-01-01 00:00:00+00' AS timestamptz)");
    }

    @Test
    void tableNamesResolveAsPostgresFoldsThem() {
        assertThat(SchemaCatalogReader.split("Orders")).containsExactly("public", "orders");
        assertThat(SchemaCatalogReader.split("Shop.\"Order Lines\"")).containsExactly("shop", "Order Lines");
        assertThat(SchemaDdl.quote("order")).isEqualTo("\"order\"");
        assertThat(SchemaDdl.quote("Mixed")).isEqualTo("\"Mixed\"");
        assertThat(SchemaDdl.quote("line_no")).isEqualTo("line_no");
    }
}
