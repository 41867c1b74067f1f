package io.cdclab.verify;

import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilerTest {
    private static final List<String> KEY = List.of("id");

    @Test
    void equalRows_matchEvenWhenNumbersComeBackAsOtherJavaTypes() {
        Reconciliation r = Reconciler.compare(
                List.of(Map.of("id", 1, "balance", new BigDecimal("10.50"))),
                List.of(Map.of("id", 1L, "balance", new BigDecimal("10.5"))), KEY);

        assertThat(r.matches()).as(r.summary()).isTrue();
    }

    @Test
    void catchesMissingExtraAndDifferingRows() {
        Reconciliation r = Reconciler.compare(
                List.of(Map.of("id", 1, "name", "Ada"), Map.of("id", 2, "name", "Brian")),
                List.of(Map.of("id", 1, "name", "Ada L."), Map.of("id", 3, "name", "Chen")), KEY);

        assertThat(r.matches()).isFalse();
        assertThat(r.missing()).extracting(m -> m.get("id")).containsExactly(2);
        assertThat(r.extra()).extracting(m -> m.get("id")).containsExactly(3);
        assertThat(r.differing()).singleElement().satisfies(d -> {
            assertThat(d.column()).isEqualTo("name");
            assertThat(d.sourceValue()).isEqualTo("Ada");
            assertThat(d.lakeValue()).isEqualTo("Ada L.");
        });
        assertThat(r.summary()).contains("1 missing, 1 extra, 1 differing");
    }

    @Test
    void typedComparison_equalMeaningMatches_lossyRepresentationsDiffer() {
        Instant instant = Instant.parse("2026-11-26T11:45:30.123456Z");
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", 1);
        source.put("amount", new BigDecimal("10.50"));
        source.put("ratio", 1.1f);
        source.put("at", instant);
        source.put("wall", LocalDateTime.parse("2026-11-26T13:45:30.123456"));
        source.put("day", LocalDate.parse("2026-11-26"));
        source.put("bytes", new byte[] {0, 1, (byte) 0xff});
        source.put("tags", List.of("a", "b"));
        source.put("doc", jsonb("{\"b\": [1, 2.5], \"a\": null}"));
        source.put("nothing", null);
        Map<String, Object> lake = new LinkedHashMap<>(source);
        lake.put("id", 1L);
        lake.put("amount", new BigDecimal("10.5000"));
        lake.put("at", Timestamp.from(instant));
        lake.put("day", Date.valueOf("2026-11-26"));
        lake.put("bytes", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}));
        lake.put("tags", scala.jdk.javaapi.CollectionConverters.asScala(List.of("a", "b")).toSeq());
        lake.put("doc", "{\"a\":null,\"b\":[1,2.5]}");
        assertThat(Reconciler.compare(List.of(source), List.of(lake), KEY).matches()).isTrue();

        Map<String, Object> lossy = new LinkedHashMap<>(lake);
        lossy.put("amount", "10.50");                                  // a decimal that arrived as text
        lossy.put("at", 1_764_157_530_123_456L);                        // a timestamp as epoch microseconds
        lossy.put("wall", Timestamp.valueOf("2026-11-26 13:45:30.123"));   // microseconds lost
        lossy.put("bytes", new byte[] {0, 1});
        lossy.put("tags", List.of("b", "a"));
        lossy.put("doc", "{\"a\":1}");
        lossy.put("nothing", "");
        Reconciliation r = Reconciler.compare(List.of(source), List.of(lossy), KEY);
        assertThat(r.differingColumns().keySet())
                .containsExactlyInAnyOrder("amount", "at", "wall", "bytes", "tags", "doc", "nothing");
        assertThat(r.typeChanges()).extracting(Reconciliation.Difference::column).as("the decimal survived as text")
                .containsExactly("amount");
        assertThat(r.summary()).contains("6 differing, 1 only in type");
        assertThat(r.matches()).isFalse();
        assertThat(r.differing()).extracting(Object::toString).contains("{id=1}.bytes: postgres=\\x0001ff lake=\\x0001");
    }

    private static PGobject jsonb(String value) {
        try {
            PGobject o = new PGobject();
            o.setType("jsonb");
            o.setValue(value);
            return o;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNumberThatReachedTheLakeAsText_isATypeChange_thatSaysSo() {
        Reconciliation r = Reconciler.compare(List.of(Map.of("id", 1, "total", new BigDecimal("10.50"))),
                List.of(Map.of("id", 1, "total", "10.50")), List.of("id"));
        assertThat(r.differing()).singleElement().asString()
                .contains("the same value, but PostgreSQL's BigDecimal reached the lake as String: a type change");
        assertThat(r.matches()).isTrue();
    }

    // Each PostgreSQL type against what Debezium sends for it under its default and common settings, as the lake
    // holds it: equal, the same value in another type, or another value (PgJDBC and Spark values; no servers).

    private static final Instant AT = Instant.parse("2022-02-15T09:34:33Z");
    private static final byte[] BYTES = {0, 1, (byte) 0xff};

    private static Reconciliation.Kind compare(Object postgres, Object lake) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", 1);
        source.put("v", postgres);
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("id", 1L);
        target.put("v", lake);
        Reconciliation r = Reconciler.compare(List.of(source), List.of(target), List.of("id"));
        return r.differing().isEmpty() ? null : r.differing().get(0).kind();
    }

    private static final Reconciliation.Kind SAME = null;
    private static final Reconciliation.Kind TYPE = Reconciliation.Kind.TYPE_CHANGED;
    private static final Reconciliation.Kind VALUE = Reconciliation.Kind.VALUE_CHANGED;

    @Test
    void timestamptz_asDebeziumsIsoText_withAnyFractionAndOffset_isTheSameInstant() {
        assertThat(compare(AT, "2022-02-15T09:34:33.000000Z")).isEqualTo(TYPE);
        assertThat(compare(Timestamp.from(AT), "2022-02-15T09:34:33Z")).as("query() returns a Timestamp").isEqualTo(TYPE);
        assertThat(compare(AT, "2022-02-15T11:34:33+02:00")).isEqualTo(TYPE);
        assertThat(compare(AT, "2022-02-15 10:34:33+01")).as("PostgreSQL's own text form").isEqualTo(TYPE);
        assertThat(compare(AT, Timestamp.from(AT))).isEqualTo(SAME);
        assertThat(compare(AT, 1_644_917_673_000_000L)).as("epoch microseconds").isEqualTo(TYPE);
        assertThat(compare(AT, "2022-02-15T09:34:34.000000Z")).isEqualTo(VALUE);
        assertThat(compare(AT, "not a time")).isEqualTo(VALUE);
    }

    @Test
    void theIssuesTimestamptzRow_reconcilesClean_andSaysTheTypeChanged() {
        Reconciliation r = Reconciler.compare(List.of(Map.of("id", 7, "created_at", AT)),
                List.of(Map.of("id", 7L, "created_at", "2022-02-15T09:34:33.000000Z")), List.of("id"));

        assertThat(r.matches()).as(r.summary()).isTrue();
        assertThat(r.valueChanges()).isEmpty();
        assertThat(r.typeChanges()).singleElement().asString().isEqualTo("{id=7}.created_at: postgres=2022-02-15T09:34:33Z "
                + "lake=2022-02-15T09:34:33.000000Z (the same value, but PostgreSQL's Instant reached the lake as String: "
                + "a type change)");
        assertThat(r.summary()).startsWith("1 source rows, 1 lake rows: 0 missing, 0 extra, 0 differing, 1 only in type "
                + "(the same values in another type, per column {created_at=1})");
    }

    @Test
    void timestamp_asEpochMicrosOrMillis_orIsoText() {
        LocalDateTime micros = LocalDateTime.parse("2026-11-26T13:45:30.123456");
        assertThat(compare(micros, 1_795_700_730_123_456L)).isEqualTo(TYPE);
        assertThat(compare(LocalDateTime.parse("2026-11-26T13:45:30.123"), 1_795_700_730_123L)).as("millis").isEqualTo(TYPE);
        assertThat(compare(micros, "2026-11-26T13:45:30.123456")).isEqualTo(TYPE);
        assertThat(compare(micros, 1_795_700_730_123_000L)).as("a lost microsecond").isEqualTo(VALUE);
        assertThat(compare(micros, LocalDateTime.parse("2026-11-26T13:45:30.123456"))).isEqualTo(SAME);
    }

    @Test
    void date_asEpochDays_timeAsMicrosOrIsoText_timetzAsIsoTextInUtc() {
        assertThat(compare(LocalDate.parse("2026-11-26"), 20_783)).isEqualTo(TYPE);
        assertThat(compare(LocalDate.parse("1969-12-31"), -1)).isEqualTo(TYPE);
        assertThat(compare(Date.valueOf("2026-11-26"), Date.valueOf("2026-11-26"))).isEqualTo(SAME);
        assertThat(compare(LocalDate.parse("2026-11-26"), 20_784)).isEqualTo(VALUE);

        LocalTime time = LocalTime.parse("13:45:30.123456");
        assertThat(compare(time, 49_530_123_456L)).isEqualTo(TYPE);
        assertThat(compare(time, "13:45:30.123456")).isEqualTo(TYPE);
        assertThat(compare(time, 49_530_123L)).as("connect mode keeps milliseconds").isEqualTo(VALUE);

        OffsetTime timetz = OffsetTime.parse("13:45:30.123456+02:00");
        assertThat(compare(timetz, "11:45:30.123456Z")).as("Debezium's ZonedTime").isEqualTo(TYPE);
        assertThat(compare(timetz, "13:45:30.123456Z")).isEqualTo(VALUE);
        assertThat(compare(timetz, OffsetTime.parse("11:45:30.123456Z"))).isEqualTo(SAME);
    }

    @Test
    void numeric_inEachDecimalHandlingMode() {
        BigDecimal amount = new BigDecimal("12345678.1234");
        assertThat(compare(amount, new BigDecimal("12345678.12340"))).as("precise, a decimal column").isEqualTo(SAME);
        assertThat(compare(amount, "12345678.1234")).as("string").isEqualTo(TYPE);
        assertThat(compare(amount, 1.23456781234E7)).as("double").isEqualTo(TYPE);
        assertThat(compare(new BigDecimal("3.14159265358979323846"), 3.141592653589793))
                .as("double: digits a double cannot hold are lost").isEqualTo(VALUE);
        byte[] unscaled = new BigInteger("314159265358979323846").toByteArray();
        StructType variableScale = new StructType().add("scale", DataTypes.IntegerType).add("value", DataTypes.BinaryType);
        assertThat(compare(new BigDecimal("3.14159265358979323846"),
                new GenericRowWithSchema(new Object[] {20, unscaled}, variableScale)))
                .as("precise, an unconstrained numeric: Debezium's struct of scale and bytes").isEqualTo(TYPE);
        assertThat(compare(new BigDecimal("3.14159265358979323846"),
                new GenericRowWithSchema(new Object[] {19, unscaled}, variableScale))).isEqualTo(VALUE);
        assertThat(compare(amount, Base64.getEncoder().encodeToString(amount.unscaledValue().toByteArray())))
                .as("precise through schemaless JSON: the unscaled bytes as base64").isEqualTo(TYPE);
        assertThat(compare(amount, "12345678.1235")).isEqualTo(VALUE);
        assertThat(compare(42, "42")).as("an integer as text").isEqualTo(TYPE);
        assertThat(compare(1.5f, 1.5d)).as("a real widened to double").isEqualTo(SAME);
    }

    @Test
    void enumsDomainsTsvectorUuidAndJson_compareByTheirValue() throws SQLException {
        assertThat(compare(pg("order_status", "paid"), "paid")).isEqualTo(SAME);
        assertThat(compare("paid", "paid")).as("an enum read as text").isEqualTo(SAME);
        assertThat(compare(pg("order_status", "paid"), "shipped")).isEqualTo(VALUE);
        assertThat(compare("ada@example.org", "ada@example.org")).as("a domain over text").isEqualTo(SAME);
        assertThat(compare(pg("tsvector", "'fat':2 'rat':3"), "'fat':2 'rat':3")).isEqualTo(SAME);
        assertThat(compare(pg("tsvector", "'fat':2 'rat':3"), "'fat':2")).isEqualTo(VALUE);
        UUID id = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(compare(id, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")).isEqualTo(SAME);
        assertThat(compare(pg("jsonb", "{\"b\": [1, 2.5], \"a\": {\"x\": null}}"), "{\"a\":{\"x\":null},\"b\":[1,2.5]}"))
                .as("jsonb: key order and spacing are not part of the value").isEqualTo(SAME);
        assertThat(compare(pg("json", "{ \"a\" : 1 }"), "{\"a\":1}")).isEqualTo(SAME);
        assertThat(compare(pg("jsonb", "{\"a\": 1}"), "{\"a\":2}")).isEqualTo(VALUE);
    }

    @Test
    void bytea_asBytesBase64OrHex() {
        assertThat(compare(BYTES, ByteBuffer.wrap(BYTES))).isEqualTo(SAME);
        assertThat(compare(BYTES, "AAH/")).as("base64").isEqualTo(TYPE);
        assertThat(compare(BYTES, "AAH_")).as("base64-url").isEqualTo(TYPE);
        assertThat(compare(BYTES, "0001ff")).as("hex").isEqualTo(TYPE);
        assertThat(compare(BYTES, "\\x0001ff")).as("PostgreSQL's hex").isEqualTo(TYPE);
        assertThat(compare(BYTES, "AAE=")).isEqualTo(VALUE);
    }

    @Test
    void arrays_elementByElement_withTheSameRules() {
        scala.collection.immutable.Seq<Object> isoTimes = scala.jdk.javaapi.CollectionConverters
                .asScala(List.<Object>of("2022-02-15T09:34:33Z", "2022-02-15T09:34:34.500Z")).toList();
        List<Object> instants = List.of(AT, AT.plusMillis(1500));
        assertThat(compare(instants, isoTimes)).isEqualTo(TYPE);
        assertThat(compare(List.of(1, 2, 3), scala.jdk.javaapi.CollectionConverters.asScala(List.of(1L, 2L, 3L)).toList()))
                .isEqualTo(SAME);
        assertThat(compare(List.of(1, 2, 3), List.of(1L, 3L, 2L))).isEqualTo(VALUE);
        assertThat(compare(List.of(AT), List.of("2022-02-15T09:34:34Z"))).isEqualTo(VALUE);
    }

    @Test
    void aRealTablesRow_isCleanWhenNothingWasLost_andAChangedValueStillShows() throws SQLException {
        Map<String, Object> postgres = new LinkedHashMap<>();
        postgres.put("id", 1);
        postgres.put("email", "ada@example.org");
        postgres.put("status", pg("order_status", "paid"));
        postgres.put("total", new BigDecimal("41.00"));
        postgres.put("placed_on", LocalDate.parse("2022-02-15"));
        postgres.put("created_at", Timestamp.from(AT));
        postgres.put("tags", List.of("a", "b"));
        postgres.put("doc", pg("jsonb", "{\"b\": 1, \"a\": 2}"));
        postgres.put("photo", BYTES);
        postgres.put("note", null);
        Map<String, Object> lake = new LinkedHashMap<>(postgres);
        lake.put("id", 1L);
        lake.put("status", "paid");
        lake.put("total", new BigDecimal("41.00"));
        lake.put("placed_on", 19_038);
        lake.put("created_at", "2022-02-15T09:34:33.000000Z");
        lake.put("tags", scala.jdk.javaapi.CollectionConverters.asScala(List.of("a", "b")).toList());
        lake.put("doc", "{\"a\":2,\"b\":1}");
        lake.put("photo", ByteBuffer.wrap(BYTES));

        Reconciliation clean = Reconciler.compare(List.of(postgres), List.of(lake), List.of("id"));
        assertThat(clean.matches()).as(clean.summary()).isTrue();
        assertThat(clean.typeChanges()).extracting(Reconciliation.Difference::column).containsExactly("placed_on", "created_at");

        Map<String, Object> changed = new LinkedHashMap<>(lake);
        changed.put("created_at", "2022-02-15T09:34:33.000001Z");
        Reconciliation r = Reconciler.compare(List.of(postgres), List.of(changed), List.of("id"));
        assertThat(r.matches()).isFalse();
        assertThat(r.valueChanges()).singleElement().asString()
                .isEqualTo("{id=1}.created_at: postgres=2022-02-15T09:34:33Z lake=2022-02-15T09:34:33.000001Z");
        assertThat(r.summary()).contains("1 differing, 1 only in type");
    }

    private static PGobject pg(String type, String value) throws SQLException {
        PGobject o = new PGobject();
        o.setType(type);
        o.setValue(value);
        return o;
    }

    @Test
    void aTimestamptzInTheKey_matchesItsIsoText_asInAPartitionedTablesPrimaryKey() {
        Reconciliation r = Reconciler.compare(
                List.of(Map.of("id", 1L, "occurred_at", Timestamp.from(AT), "kind", "signup")),
                List.of(Map.of("id", 1L, "occurred_at", "2022-02-15T09:34:33.000000Z", "kind", "signup")),
                List.of("id", "occurred_at"));

        assertThat(r.missing()).isEmpty();
        assertThat(r.extra()).isEmpty();
        assertThat(r.matches()).as(r.summary()).isTrue();
        assertThat(r.typeChanges()).extracting(Reconciliation.Difference::column).containsExactly("occurred_at");
    }

    @Test
    void aStructIsDescribedByItsFields() {
        StructType variableScale = new StructType().add("scale", DataTypes.IntegerType).add("value", DataTypes.BinaryType);
        Reconciliation r = Reconciler.compare(List.of(Map.of("id", 1, "n", new BigDecimal("3.14"))),
                List.of(Map.of("id", 1, "n", new GenericRowWithSchema(new Object[] {2, new byte[] {1, 58}}, variableScale))),
                KEY);

        assertThat(r.typeChanges()).singleElement().asString().startsWith("{id=1}.n: postgres=3.14 lake={scale=2, value=\\x013a}");
    }
}
