package io.cdclab.check;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaSqlReaderTest {

    @Test
    void theTeamProjectsSchema_tablesKeysTypesAndTheKeylessLog() {
        SchemaModel model = SchemaSqlReader.read(Path.of("examples/team-project/db/schema.sql"));

        assertThat(model.tables()).extracting(SchemaModel.Table::qualifiedName)
                .containsExactly("shop.customers", "shop.orders", "shop.order_lines", "shop.page_views");
        SchemaModel.Table customers = model.table("shop.customers").orElseThrow();
        assertThat(customers.primaryKey()).containsExactly("customer_id");
        assertThat(customers.uniqueKeys()).containsExactly(List.of("email"));
        assertThat(customers.columns()).extracting(c -> c.name() + " " + c.type() + (c.notNull() ? " not null" : ""))
                .containsExactly("customer_id bigint not null", "email text not null", "full_name text not null",
                        "country character(2) not null", "vip boolean not null");
        assertThat(model.table("shop.orders").orElseThrow().column("total").orElseThrow().type()).isEqualTo("numeric(12,2)");
        assertThat(model.table("shop.order_lines").orElseThrow().primaryKey()).containsExactly("order_id", "line_no");
        SchemaModel.Table views = model.table("shop.page_views").orElseThrow();
        assertThat(views.primaryKey()).isEmpty();
        assertThat(views.replicaIdentity()).isEqualTo(SchemaModel.ReplicaIdentity.DEFAULT);
        assertThat(views.publishesUpdates()).isFalse();
        assertThat(views.column("viewed_at").orElseThrow().type()).isEqualTo("timestamp with time zone");
    }

    @Test
    void theKeyShapesFixture_replicaIdentityFullAndUsingIndex() {
        SchemaModel model = SchemaSqlReader.read(Path.of("fixtures/sql/key-shapes.sql"));

        assertThat(model.table("public.k4_sensor_readings").orElseThrow().replicaIdentity())
                .isEqualTo(SchemaModel.ReplicaIdentity.FULL);
        SchemaModel.Table k6 = model.table("k6_accounts").orElseThrow();
        assertThat(k6.replicaIdentity()).isEqualTo(SchemaModel.ReplicaIdentity.INDEX);
        assertThat(k6.identityIndex()).containsExactly("email", "country");
        assertThat(k6.uniqueKeys()).containsExactly(List.of("email", "country"));
        assertThat(k6.publishesUpdates()).isTrue();
        assertThat(model.table("k3_page_views").orElseThrow().publishesUpdates()).isFalse();
        assertThat(model.table("k2_order_lines").orElseThrow().primaryKey()).containsExactly("order_id", "line_no");
    }

    @Test
    void everySqlFixtureTheLabShips_reads() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("fixtures/sql"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".sql")).toList()).isNotEmpty()
                    .allSatisfy(f -> assertThat(SchemaSqlReader.read(f)).isNotNull());
        }
        assertThat(SchemaSqlReader.read(Path.of("fixtures/sql/partition-workload.sql")).table("p2_accounts_keyless")
                .orElseThrow().replicaIdentity()).isEqualTo(SchemaModel.ReplicaIdentity.FULL);
    }

    @Test
    void typesAreSpelledAsFormatTypeSpellsThem() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("INTEGER", "integer"),
                Map.entry("serial", "integer"), Map.entry("bigserial", "bigint"), Map.entry("int8", "bigint"),
                Map.entry("smallint", "smallint"), Map.entry("varchar(40)", "character varying(40)"),
                Map.entry("character varying", "character varying"), Map.entry("char(2)", "character(2)"),
                Map.entry("char", "character(1)"), Map.entry("timestamptz", "timestamp with time zone"),
                Map.entry("timestamp", "timestamp without time zone"),
                Map.entry("timestamp(3)", "timestamp(3) without time zone"),
                Map.entry("timestamp(6) with time zone", "timestamp(6) with time zone"),
                Map.entry("time", "time without time zone"), Map.entry("timetz", "time with time zone"),
                Map.entry("decimal(12, 2)", "numeric(12,2)"), Map.entry("numeric(10)", "numeric(10,0)"),
                Map.entry("numeric", "numeric"), Map.entry("float8", "double precision"),
                Map.entry("double precision", "double precision"), Map.entry("float4", "real"),
                Map.entry("bool", "boolean"), Map.entry("text[]", "text[]"), Map.entry("int[][]", "integer[]"),
                Map.entry("jsonb", "jsonb"), Map.entry("uuid", "uuid"), Map.entry("bytea", "bytea"));
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (id int PRIMARY KEY");
        List<String> written = List.copyOf(expected.keySet());
        for (int i = 0; i < written.size(); i++) {
            ddl.append(", c").append(i).append(' ').append(written.get(i));
        }
        SchemaModel.Table t = SchemaSqlReader.parse(ddl.append(")").toString(), "types.sql").table("t").orElseThrow();
        for (int i = 0; i < written.size(); i++) {
            assertThat(t.column("c" + i).orElseThrow().type()).as(written.get(i)).isEqualTo(expected.get(written.get(i)));
        }
    }

    @Test
    void aPgDumpLikeFile_altersIndexesQuotedNames_andSkipsEverythingElse() {
        String sql = """
                -- pg_dump; a comment with a ; in it
                SET statement_timeout = 0;
                CREATE SCHEMA sales;
                CREATE FUNCTION sales.touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.note := 'CREATE TABLE fake (x int);'; RETURN NEW; END; $$;
                DO $body$ BEGIN PERFORM 1; END $body$;
                /* a block /* nested */ comment; */
                CREATE TABLE sales."Order Items" (
                    "OrderId" integer NOT NULL,
                    line int NOT NULL,
                    amount numeric,
                    note text DEFAULT 'it''s; fine'
                );
                ALTER TABLE ONLY sales."Order Items" ADD CONSTRAINT "Order Items_pkey" PRIMARY KEY ("OrderId", line);
                ALTER TABLE sales."Order Items" OWNER TO app;
                ALTER TABLE sales."Order Items" ADD COLUMN IF NOT EXISTS placed_at timestamptz NOT NULL,
                    ALTER COLUMN line TYPE bigint, ALTER COLUMN note SET STORAGE EXTERNAL;
                CREATE TABLE audit (at timestamp, who varchar(40));
                CREATE UNIQUE INDEX audit_at_who ON public.audit USING btree (at, who);
                ALTER TABLE audit ALTER COLUMN at SET NOT NULL, ALTER COLUMN who SET NOT NULL;
                ALTER TABLE audit REPLICA IDENTITY USING INDEX audit_at_who;
                CREATE TABLE logs (msg text);
                ALTER TABLE logs REPLICA IDENTITY NOTHING;
                CREATE UNIQUE INDEX logs_lower ON logs (lower(msg));
                CREATE TEMP TABLE scratch (x int);
                INSERT INTO audit VALUES (now(), 'me; you'), (now(), E'it\\'s; \\\\ fine');
                CREATE VIEW v AS SELECT 1;
                GRANT SELECT ON ALL TABLES IN SCHEMA sales TO reader;
                """;
        SchemaModel model = SchemaSqlReader.parse(sql, "dump.sql");

        assertThat(model.tables()).extracting(SchemaModel.Table::qualifiedName)
                .containsExactly("sales.Order Items", "public.audit", "public.logs");
        SchemaModel.Table items = model.table("sales.Order Items").orElseThrow();
        assertThat(items.primaryKey()).containsExactly("OrderId", "line");
        assertThat(items.columns()).extracting(c -> c.name() + " " + c.type() + (c.notNull() ? " not null" : ""))
                .containsExactly("OrderId integer not null", "line bigint not null", "amount numeric", "note text",
                        "placed_at timestamp with time zone not null");
        SchemaModel.Table audit = model.table("audit").orElseThrow();
        assertThat(audit.replicaIdentity()).isEqualTo(SchemaModel.ReplicaIdentity.INDEX);
        assertThat(audit.identityIndex()).containsExactly("at", "who");
        assertThat(audit.columns()).allSatisfy(c -> assertThat(c.notNull()).isTrue());
        SchemaModel.Table logs = model.table("logs").orElseThrow();
        assertThat(logs.replicaIdentity()).isEqualTo(SchemaModel.ReplicaIdentity.NOTHING);
        assertThat(logs.uniqueKeys()).as("an expression index is no key of columns").isEmpty();
    }

    @Test
    void clausesJSqlParserRefusesAndTheRulesDoNotNeed_areSkipped() {
        String sql = """
                CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind public.event_kind,
                    CONSTRAINT events_ck CHECK (id > 0), CONSTRAINT events_pk PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE lines (id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
                    event_id bigint REFERENCES events (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                    price money, tags varchar(20)[], body text COLLATE "C") WITH (fillfactor = 70);
                """;
        SchemaModel model = SchemaSqlReader.parse(sql, "s.sql");

        SchemaModel.Table events = model.table("events").orElseThrow();
        assertThat(events.primaryKey()).containsExactly("id", "at");
        assertThat(events.column("kind").orElseThrow().type()).isEqualTo("event_kind");
        assertThat(model.table("lines").orElseThrow().columns()).extracting(c -> c.name() + " " + c.type())
                .containsExactly("id uuid", "event_id bigint", "price money", "tags character varying(20)[]", "body text");
    }

    @Test
    void aCreateTableThatCannotBeRead_namesTheFileLineAndStatement_andTheWayPast() {
        String sql = "CREATE TABLE ok (id int PRIMARY KEY);\n\n-- next\nCREATE TABLE broken (id int PRIMARY KEY,, x);\n";

        assertThatThrownBy(() -> SchemaSqlReader.parse(sql, "db/schema.sql"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("db/schema.sql line 4")
                .hasMessageContaining("CREATE TABLE broken (id int PRIMARY KEY,, x)")
                .hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> SchemaSqlReader.parse("CREATE TABLE p PARTITION OF parent FOR VALUES IN (1);", "s.sql"))
                .as("a partition takes its columns from its parent, which the file alone may not show")
                .isInstanceOf(LabException.class).hasMessageContaining("s.sql line 1");
    }

    @Test
    void aMissingFile_isAClearError() {
        assertThatThrownBy(() -> SchemaSqlReader.read(Path.of("no/such/schema.sql")))
                .isInstanceOf(LabException.class).hasMessageContaining("schema.sql").hasMessageContaining("Cannot read");
    }

    @Test
    void aPgDumpFileWithCopyDataAndMetaCommands_readsItsTablesAndKeys() {
        SchemaModel model = SchemaSqlReader.read(Path.of("fixtures/sql/shop-dump.sql"));

        assertThat(model.tables()).extracting(SchemaModel.Table::qualifiedName).containsExactly("shop.customers",
                "shop.events", "shop.events_2025", "shop.events_2026", "shop.order_lines", "shop.orders", "shop.products");
        assertThat(model.table("shop.customers").orElseThrow().primaryKey()).containsExactly("id");
        assertThat(model.table("shop.events_2025").orElseThrow().primaryKey()).containsExactly("id", "occurred_at");
        assertThat(model.table("shop.orders").orElseThrow().column("status").orElseThrow().type())
                .isEqualTo("shop.order_status");
        // pg_dump's partitions: CREATE TABLE with columns, then ALTER TABLE ONLY ... ATTACH PARTITION.
        SchemaModel.PartitionedTable events = model.partitioning("shop.events").orElseThrow();
        assertThat(events.key()).isEqualTo("RANGE (occurred_at)");
        assertThat(events.partitions()).extracting(p -> p.qualifiedName() + " " + p.bound()).containsExactly(
                "shop.events_2025 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')",
                "shop.events_2026 FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00')");
        assertThat(model.partitioning("shop.events_2025")).isEmpty();
    }

    @Test
    void partitionsAsMigrationsWriteThem_andPublications_areRead() {
        SchemaModel model = SchemaSqlReader.parse("""
                CREATE TABLE "Sales".orders (id bigint NOT NULL, region text NOT NULL, PRIMARY KEY (id, region))
                    PARTITION BY LIST (region);
                CREATE TABLE "Sales".orders_eu PARTITION OF "Sales".orders FOR VALUES IN ('eu', 'uk');
                CREATE TABLE IF NOT EXISTS "Sales".orders_rest PARTITION OF "Sales".orders DEFAULT;
                CREATE TABLE "Sales".orders_us PARTITION OF "Sales".orders FOR VALUES IN ('us');
                ALTER TABLE "Sales".orders DETACH PARTITION "Sales".orders_us;
                CREATE PUBLICATION cdc_plain FOR TABLE "Sales".orders;
                CREATE PUBLICATION "CDC_Root" FOR TABLE "Sales".orders WITH (publish = 'insert', publish_via_partition_root=on);
                CREATE PUBLICATION cdc_later FOR ALL TABLES;
                ALTER PUBLICATION cdc_later SET (publish_via_partition_root = true);
                """, "s.sql");

        SchemaModel.PartitionedTable orders = model.partitioning("Sales.orders").orElseThrow();
        assertThat(orders.key()).isEqualTo("LIST (region)");
        assertThat(orders.partitions()).extracting(p -> p.name() + " " + p.bound())
                .containsExactly("orders_eu FOR VALUES IN ('eu', 'uk')", "orders_rest DEFAULT");
        assertThat(model.table("Sales.orders_eu").orElseThrow().primaryKey()).as("the parent's key")
                .containsExactly("id", "region");
        assertThat(model.publications()).containsExactly(new SchemaModel.Publication("cdc_plain", false),
                new SchemaModel.Publication("CDC_Root", true), new SchemaModel.Publication("cdc_later", true));
    }

    @Test
    void copyDataIsNotSql_anUnbalancedQuoteInItHidesNoLaterStatement() {
        String dump = String.join("\n",
                "\\restrict abc",
                "CREATE TABLE public.notes (id integer NOT NULL, body text);",
                "COPY public.notes (id, body) FROM stdin;",
                "1\tit's a note; with a $$ in it",
                "\\.",
                "ALTER TABLE ONLY public.notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id);",
                "\\unrestrict abc");

        assertThat(SchemaSqlReader.parse(dump, "dump.sql").table("public.notes").orElseThrow().primaryKey())
                .containsExactly("id");
    }
}
