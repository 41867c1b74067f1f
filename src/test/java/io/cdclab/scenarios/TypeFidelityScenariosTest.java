package io.cdclab.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdclab.connect.Converter;
import io.cdclab.junit.CdcLab;
import io.cdclab.lake.Lake;
import io.cdclab.lake.Materializer;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.JavaHomes;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import io.cdclab.verify.SourceRows;
import org.apache.iceberg.Schema;
import org.apache.iceberg.spark.Spark3Util;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.cdclab.scenarios.ScenarioPages.CHANGE_SEMANTICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * C4 of SCENARIOS.md: every common PostgreSQL type through Debezium, Kafka Connect's schema, the Iceberg sink and
 * Spark, compared typed with the source, under Debezium's defaults and under the options a careful team sets.
 */
@CdcLab(kafkaPartitions = 3, shared = true)
// JSON first: the Avro pipeline starts meanwhile (see createTypesTable).
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypeFidelityScenariosTest {
    static final ScenarioFinding C4 = ScenarioFinding.of("C4", "type fidelity", """
            Integers, floats, boolean, text, numeric(p,s), uuid, jsonb, arrays, bytea and NULLs round-trip;
            unconstrained numeric, date, time, timestamp and timestamptz are lossy under Debezium's defaults, and
            time.precision.mode=connect leaves a table with a time column unreadable by Spark.""");
    private static final Logger LOG = LoggerFactory.getLogger(TypeFidelityScenariosTest.class);

    /** Column, PostgreSQL type, a typical value, an edge value (row 3 is all NULLs). */
    private static final List<List<String>> COLUMNS = List.of(
            List.of("n_dec", "numeric(12,4)", "12345678.1234", "-0.0001"),
            List.of("n_free", "numeric", "3.14159265358979323846", "0.00000000000000000001"),
            List.of("i2", "smallint", "12", "-32768"),
            List.of("i4", "integer", "123456", "2147483647"),
            List.of("i8", "bigint", "1234567890123", "-9223372036854775808"),
            List.of("f4", "real", "1.5", "3.4028235e38"),
            List.of("f8", "double precision", "2.718281828459045", "1e-300"),
            List.of("b", "boolean", "true", "false"),
            List.of("t", "text", "'Grüße, 世界 🚀'", "E'tab\\tquote''s \"dq\" \\\\ back'"),
            List.of("d", "date", "'2026-11-26'", "'1969-12-31'"),
            List.of("tm", "time", "'13:45:30.123456'", "'00:00:00'"),
            List.of("ts", "timestamp", "'2026-11-26 13:45:30.123456'", "'1969-12-31 23:59:59.999999'"),
            List.of("tstz", "timestamptz", "'2026-11-26 13:45:30.123456+02'", "'2000-01-01 00:00:00+00'"),
            List.of("u", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'"),
            List.of("j", "jsonb", "'{\"b\": [1, 2.5, \"x\"], \"a\": null}'", "'[]'"),
            List.of("arr_i", "integer[]", "'{1,2,3}'", "'{}'"),
            List.of("arr_t", "text[]", "'{\"a\",\"b c\",\"ü\"}'", "'{NULL,\"x\"}'"),
            List.of("bin", "bytea", "'\\x000102ff'", "'\\x'"));

    /** Each run's outcome per column, by run; the tests fill it, {@link #writeReport} writes one table of all. */
    private static final Map<String, Map<String, Outcome>> RUNS = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The Avro pipeline, started as soon as the registry is up; null where no registry can run. */
    private static CompletableFuture<Scenario.Capture> avroCapture;

    @BeforeAll
    static void createTypesTable(RunningTopology lab) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE public.c4_types (id int PRIMARY KEY");
        COLUMNS.forEach(c -> ddl.append(", ").append(c.get(0)).append(' ').append(c.get(1)));
        lab.source().execute(ddl.append(")").toString(), insert(1, 2), insert(2, 3), "INSERT INTO c4_types (id) VALUES (3)");
        if (lab.offersSchemaRegistry()) {
            // The registry (a Quarkus app, ~20 s here) boots and the Avro pipeline fills its table while the JSON
            // runs go on: the Avro test then only reads and compares.
            avroCapture = CompletableFuture.supplyAsync(() -> {
                lab.schemaRegistryUrl();
                return Scenario.on(lab).capture("c4-avro", "public.c4_types")
                        .changelog().with(b -> b.converter(Converter.AVRO)).start();
            });
        }
    }

    @Test
    @Order(1)
    void c4_typeFidelity_eachTypeThroughKafkaConnectIcebergAndSparkComparedTypedWithPostgres(RunningTopology lab) {
        Scenario scenario = Scenario.on(lab);
        Scenario.Capture c4 = scenario.capture("c4", "public.c4_types").changelog().start();
        // Started now, so its sink commits while the runs before it are compared.
        Scenario.Capture schemalessCapture = scenario.capture("c4-json-schemaless", "public.c4_types")
                .changelog().with(b -> b.converter(Converter.JSON_SCHEMALESS)).start();
        Map<String, Outcome> defaults = run(lab, c4);
        RUNS.put("defaults", defaults);
        // time.precision.mode=connect types dates and timestamps as Connect's logical types, and a time column as
        // Connect Time, which the sink makes an Iceberg time: Spark then cannot read the table at all.
        Scenario.Capture connectTime = scenario.capture("c4-connect-time", "public.c4_types")
                .changelog().sourceConfig("time.precision.mode", "connect").start();
        assertThatThrownBy(() -> connectTime.awaitLake("public.c4_types", 3))
                .hasStackTraceContaining("Spark does not support time fields");
        connectTime.pipeline().delete();
        // So the careful team sets it and keeps time columns out of this table's capture (or casts them upstream).
        Map<String, Outcome> careful = run(lab, scenario.capture("c4-careful", "public.c4_types")
                .changelog()
                .sourceConfig("time.precision.mode", "connect")
                .sourceConfig("column.exclude.list", "public.c4_types.tm")
                .start());

        // The same defaults under the other converters: Debezium's Connect schema is the same, what the sink
        // makes of the records is not.
        Map<String, Outcome> schemaless = run(lab, schemalessCapture);
        RUNS.put("careful", careful);
        RUNS.put("schemaless", schemaless);

        List<String> roundTrip = List.of("n_dec", "i2", "i4", "i8", "f4", "f8", "b", "t", "u", "j", "arr_i", "arr_t", "bin");
        assertThat(roundTrip).as("types that round-trip under Debezium's defaults")
                .allSatisfy(c -> assertThat(defaults.get(c).differing()).as(c + ": " + defaults.get(c).example()).isZero());
        assertThat(List.of("n_free", "d", "tm")).as("lossy under the defaults: struct, epoch days, epoch micros")
                .allSatisfy(c -> assertThat(defaults.get(c).differing()).as(c).isEqualTo(2));
        assertThat(careful.get("d").differing()).as("time.precision.mode=connect: date becomes an Iceberg date").isZero();
        assertThat(careful.get("d").iceberg()).isEqualTo("date");
        // Schemaless JSON: the sink infers Iceberg types from JSON values. Debezium's bytes (a decimal's unscaled
        // value, a bytea) arrive as base64 text; integers widen to long and reals to double (values kept).
        assertThat(List.of("n_dec", "bin")).as("lossy under schemaless JSON only: base64 text")
                .allSatisfy(c -> assertThat(schemaless.get(c).differing()).as(c).isEqualTo(2));
        assertThat(List.of("i2", "i4", "f4")).allSatisfy(c -> assertThat(schemaless.get(c).differing()).as(c).isZero());
        assertThat(schemaless.get("i2").iceberg()).isEqualTo("long");
        assertThat(schemaless.get("f4").iceberg()).isEqualTo("double");

    }

    @Test
    @Order(2)
    void c4_typeFidelityUnderAvro_eachTypeThroughApicurioRegistryComparedTypedWithPostgres(RunningTopology lab) {
        Assumptions.assumeTrue(avroCapture != null, () -> lab.backend().equals("embedded")
                ? "Avro needs Apicurio Registry, which needs Java 21+; no such JDK found here (looked at "
                        + JavaHomes.searched() + ")"
                : "Avro needs Apicurio Registry, which the lab runs on the embedded backend only (the "
                        + lab.backend() + " backend starts no registry container)");
        Map<String, Outcome> avro = run(lab, avroCapture.join());
        RUNS.put("avro", avro);
        // The Connect schema travels by registry id instead of inline, and arrives whole: same types, same losses.
        Map<String, Outcome> defaults = RUNS.get("defaults");
        Assumptions.assumeTrue(defaults != null, "the JSON run did not finish, so there is nothing to compare with");
        assertThat(COLUMNS).allSatisfy(c -> {
            String name = c.get(0);
            assertThat(avro.get(name).iceberg()).as(name).isEqualTo(defaults.get(name).iceberg());
            assertThat(avro.get(name).differing()).as(name).isEqualTo(defaults.get(name).differing());
        });
    }

    @AfterAll
    static void writeReport() {
        // run -> what its column says: Debezium's settings for the two JSON-with-schemas runs, else the converter
        Map<String, String> runs = new LinkedHashMap<>();
        runs.put("defaults", "JSON with schemas, defaults");
        runs.put("careful", "JSON with schemas, time.precision.mode=connect");
        runs.put("schemaless", "schemaless JSON");
        runs.put("avro", "Avro, Apicurio");
        // One verdict table across the runs, then each run's own mapping: a single table with every run's four
        // columns side by side was 1,300 px wide (ReportBrowserTest).
        List<String> verdictHeader = new ArrayList<>(List.of("PostgreSQL"));
        runs.values().forEach(verdictHeader::add);
        List<List<Object>> verdicts = new ArrayList<>();
        Map<String, List<List<Object>>> mappings = new LinkedHashMap<>();
        for (List<String> c : COLUMNS) {
            List<Object> verdict = new ArrayList<>(List.of(c.get(1)));
            runs.forEach((run, name) -> {
                Outcome o = RUNS.getOrDefault(run, Map.of()).get(c.get(0));
                verdict.add(o == null ? "(not run)" : o.verdict());
                mappings.computeIfAbsent(run, r -> new ArrayList<>()).add(o == null
                        ? List.of(c.get(1), "(not run)", "", "")
                        : List.of(c.get(1), name.startsWith("JSON with schemas") ? o.connect : "(not in the record)", o.iceberg, o.spark));
            });
            verdicts.add(verdict);
            LOG.info("C4 {}", verdict.stream().map(String::valueOf).collect(Collectors.joining(" | ")));
        }
        var section = CHANGE_SEMANTICS.section(C4)
                .paragraph("One row of typical values, one of edge values, one of NULLs, per PostgreSQL type, through "
                        + "Debezium 3.7, the Iceberg sink 1.12 (auto-created table) and "
                        + "Spark 4.1, materialised with MERGE INTO and compared typed with PostgreSQL (JDBC with java.time "
                        + "values). 'yes' means the reconciler found 0 differing values in that column; otherwise it "
                        + "names what arrived. First: JsonConverter with schemas and Debezium's defaults "
                        + "(decimal.handling.mode=precise, time.precision.mode=adaptive). Next: time.precision.mode=connect "
                        + "with the time column excluded (column.exclude.list): with it, the sink creates an Iceberg time "
                        + "column and Spark refuses to read the whole table ('Spark does not support time fields'), shown "
                        + "by the test. Then Debezium's defaults under the other converters (Pipeline.Builder.converter, "
                        + "-Dlab.converter): schemaless JSON, where the sink infers each Iceberg type from the JSON value "
                        + "(Debezium's bytes, so decimals and bytea, arrive as base64 text; integers widen to long, reals "
                        + "to double), and Avro through Apicurio Registry, where the Connect schema travels by id. "
                        + "Every column not marked 'yes' is a lossy mapping a team must undo when reading.")
                .table("Round-trips? per PostgreSQL type and converter ('yes': 0 differing values)", verdictHeader, verdicts);
        runs.forEach((run, name) -> section.table("PostgreSQL type -> Kafka Connect schema -> Iceberg type -> Spark value: "
                + name, List.of("PostgreSQL", "Connect schema", "Iceberg", "Spark value (row 1)"), mappings.get(run)));
        CHANGE_SEMANTICS.write();
    }

    private static String insert(int id, int valueIndex) {
        StringBuilder names = new StringBuilder("id");
        StringBuilder values = new StringBuilder(Integer.toString(id));
        for (List<String> c : COLUMNS) {
            names.append(", ").append(c.get(0));
            values.append(", CAST(").append(c.get(valueIndex)).append(" AS ").append(c.get(1)).append(")");
        }
        return "INSERT INTO c4_types (" + names + ") VALUES (" + values + ")";
    }

    /** What one column became on the way, and whether the reconciler found it unchanged. */
    record Outcome(String connect, String iceberg, String spark, int differing, String example) {
        String verdict() {
            return differing == 0 ? "yes" : "no (" + differing + " of 3 rows differ, e.g. " + example + ")";
        }
    }

    private static Map<String, Outcome> run(RunningTopology lab, Scenario.Capture capture) {
        Lake lake = lab.lake();
        String changelog = capture.awaitLake("public.c4_types", 3);
        // Only JSON with schemas carries the Connect schema in the record; the others show the Iceberg side only.
        boolean inlineSchema = capture.pipeline().converter() == null || capture.pipeline().converter() == Converter.JSON;
        JsonNode after = inlineSchema ? afterSchema(capture.events("public.c4_types", 3).get(0)) : null;
        String mirror = capture.lakeTable("c4_types_mirror");
        Materializer.of(lake, changelog, List.of("id")).mergeInto(mirror);
        Reconciliation r = Reconciler.compare(SourceRows.read(lab.source(), "SELECT * FROM c4_types"),
                lake.rowsAsMaps("SELECT * FROM " + mirror), List.of("id"));
        LOG.info("C4 {}: {}", capture.pipeline().id(), r.summary());
        Schema iceberg;
        try {
            iceberg = Spark3Util.loadIcebergTable(lake.session(), changelog).schema();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load " + changelog + " through Iceberg: " + e, e);
        }
        Map<String, Object> row1 = lake.rowsAsMaps("SELECT * FROM " + mirror + " WHERE id = 1").get(0);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (List<String> c : COLUMNS) {
            String name = c.get(0);
            List<Reconciliation.Difference> diffs = r.differing().stream().filter(d -> d.column().equals(name)).toList();
            Object value = row1.get(name);
            outcomes.put(name, new Outcome(after == null ? "(not in the record)" : connectType(after, name),
                    iceberg.findField(name) == null ? "(not captured)" : String.valueOf(iceberg.findField(name).type()),
                    value == null ? "NULL" : value.getClass().getSimpleName() + " " + shorten(String.valueOf(value)),
                    diffs.size(), diffs.isEmpty() ? "" : diffs.get(0).toString()));
        }
        assertThat(r.missing()).as(r.summary()).isEmpty();
        assertThat(r.extra()).as(r.summary()).isEmpty();
        return outcomes;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static JsonNode afterSchema(ChangeEvent event) {
        for (JsonNode field : event.value().path("schema").path("fields")) {
            if (field.path("field").asText().equals("after")) {
                return field;
            }
        }
        throw new IllegalStateException("No 'after' field in the event schema of " + event);
    }

    private static String connectType(JsonNode after, String column) {
        for (JsonNode field : after.path("fields")) {
            if (field.path("field").asText().equals(column)) {
                return describe(field);
            }
        }
        return "(absent)";
    }

    private static String describe(JsonNode schema) {
        String type = schema.path("type").asText();
        if (type.equals("array")) {
            type = "array<" + describe(schema.path("items")) + ">";
        }
        String name = schema.path("name").asText("");
        JsonNode params = schema.path("parameters");
        return type + (name.isEmpty() ? "" : " " + name) + (params.isMissingNode() || params.isEmpty() ? "" : " " + params);
    }
}
