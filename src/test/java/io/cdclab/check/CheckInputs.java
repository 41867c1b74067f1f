package io.cdclab.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test inputs: a schema in SQL, a Debezium config and an Iceberg sink config that a test changes key by key. */
final class CheckInputs {
    private String sql;
    private final Map<String, String> source = new LinkedHashMap<>();
    private final Map<String, String> sink = new LinkedHashMap<>();
    private List<String> tables = List.of();

    /** A careful team's pipeline: pgoutput, secrets by reference, JSON with schemas, control topic guarded. */
    static CheckInputs careful(String sql, String... tables) {
        CheckInputs in = new CheckInputs();
        in.sql = sql;
        in.tables = List.of(tables);
        in.source.putAll(Map.of("connector.class", "io.debezium.connector.postgresql.PostgresConnector",
                "plugin.name", "pgoutput", "publication.autocreate.mode", "filtered",
                "database.hostname", "db.internal", "database.user", "cdc",
                "database.password", "${env:PG_PASSWORD}", "topic.prefix", "shop",
                "table.include.list", String.join(",", tables),
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "true"));
        in.sink.putAll(Map.of("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector",
                "tasks.max", "1", "topics.regex", "shop\\..*", "consumer.override.metadata.max.age.ms", "2000",
                "iceberg.catalog.type", "glue", "iceberg.catalog.warehouse", "s3://lake/warehouse",
                "iceberg.tables", "shop_lake.orders", "iceberg.control.topic", "shop-control",
                "iceberg.kafka.auto.offset.reset", "earliest"));
        return in;
    }

    CheckInputs source(String key, String value) {
        put(source, key, value);
        return this;
    }

    CheckInputs sink(String key, String value) {
        put(sink, key, value);
        return this;
    }

    CheckInputs sql(String more) {
        sql = sql + "\n" + more;
        return this;
    }

    private static void put(Map<String, String> config, String key, String value) {
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
    }

    CheckInput build() {
        return new CheckInput(SchemaSqlReader.parse(sql, "schema.sql"),
                new CheckInput.Connector("connect/source.json", source),
                new CheckInput.Connector("connect/sink.json", sink), tables);
    }

    Optional<Finding> run(Rule rule) {
        return rule.check(build());
    }
}
