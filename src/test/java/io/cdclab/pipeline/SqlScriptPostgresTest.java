package io.cdclab.pipeline;

import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.util.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SqlScript on a real PostgreSQL 16 (zonky's binaries, as the embedded backend runs them), loading as the lab loads a
 * team's schema: as an application user that owns its database and is no superuser.
 */
class SqlScriptPostgresTest {
    private static EmbeddedPostgres postgres;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPort(Ports.free())
                .setDataDirectory(dir.resolve("data"))
                .setOverrideWorkingDirectory(Path.of("target/cdc-lab/postgres-binaries").toAbsolutePath().toFile())
                .setPgBinaryResolver(RuntimeLayout.locate().postgresBinaries())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", Ports.LOOPBACK)
                .start();
        superuser("CREATE ROLE app LOGIN PASSWORD 'app'");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static void superuser(String sql) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** {@code sql} as the team's file {@code name} in {@code team}. */
    private static Path script(Path team, String name, String sql) throws IOException {
        return Files.writeString(team.resolve(name), sql);
    }

    /** What loading {@code file} into {@code db} throws, for the test to say what it must name. */
    private static SqlScriptException refusal(Path file, SourceDatabase db) {
        return catchThrowableOfType(() -> SqlScript.load(file).runOn(db), SqlScriptException.class);
    }

    /** A fresh database owned by the application user, as the lab's source database is. */
    private static SourceDatabase database(String name) {
        superuser("CREATE DATABASE " + name + " OWNER app");
        return new SourceDatabase(Ports.LOOPBACK, postgres.getPort(), name, "app", Secret.of("app"));
    }

    @Test
    void aPgDumpFile_loadsWithItsObjectsAndData_skippingOwnershipAndGrantsForRolesTheDatabaseLacks() {
        SourceDatabase db = database("shop_dump");

        SqlScriptRun run = SqlScript.builtIn("shop-dump").runOn(db);

        assertThat(db.query("SELECT id, email, note, created_at IS NOT NULL AS created FROM shop.customers ORDER BY id"))
                .extracting(r -> r.get("id"), r -> r.get("note")).containsExactly(
                        Tuple.tuple(1, null),
                        Tuple.tuple(2, "likes\ttabs; and semicolons"),
                        Tuple.tuple(3, "back\\slash and 'quotes'"));
        assertThat(db.query("SELECT count(*) AS n FROM shop.events_2025")).containsExactly(Map.of("n", 2L));
        assertThat(db.query("SELECT tableoid::regclass::text AS part FROM shop.events WHERE id = 3"))
                .as("the partitioned parent routes a row by its range").containsExactly(Map.of("part", "shop.events_2026"));
        assertThat(db.query("SELECT payload->>'order' AS o FROM shop.events WHERE id = 2")).containsExactly(Map.of("o", "2"));
        assertThat(db.query("SELECT shop.order_total(1) AS t")).containsExactly(Map.of("t", new BigDecimal("41.00")));
        assertThat(db.query("SELECT customer_id, revenue FROM shop.customer_revenue ORDER BY customer_id"))
                .as("the materialized view was refreshed after the data")
                .containsExactly(Map.of("customer_id", 1, "revenue", new BigDecimal("83.50")),
                        Map.of("customer_id", 2, "revenue", new BigDecimal("29.00")));
        assertThat(db.query("SELECT nextval('shop.customers_id_seq') AS next")).containsExactly(Map.of("next", 4L));
        assertThat(db.query("SELECT array_length(tags, 1) AS n FROM shop.products WHERE id = 2")).containsExactly(Map.of("n", 2));
        assertThat(db.query("SELECT obj_description('shop.customers'::regclass, 'pg_class') AS c"))
                .containsExactly(Map.of("c", "People who buy; \"note\" may hold a tab"));
        assertThat(db.query("SELECT enum_range(NULL::shop.order_status)::text AS r"))
                .containsExactly(Map.of("r", "{new,paid,shipped,cancelled}"));
        db.execute("UPDATE shop.customers SET name = 'Ada King' WHERE id = 1");
        assertThat(db.query("SELECT updated_at IS NOT NULL AS touched FROM shop.customers WHERE id = 1"))
                .as("the PL/pgSQL trigger fires").containsExactly(Map.of("touched", true));
        assertThat(catchThrowableOfType(() -> db.execute("INSERT INTO shop.customers (email, name) VALUES ('nope', 'x')"),
                RuntimeException.class)).as("the domain's check holds").hasMessageContaining("email_check");
        assertThat(db.query("SELECT tableowner FROM pg_tables WHERE schemaname = 'shop' GROUP BY tableowner"))
                .as("the tables stay the loading user's, who must own them to publish them")
                .containsExactly(Map.of("tableowner", "app"));

        assertThat(run.rowsCopied()).isEqualTo(16);
        assertThat(run.metaCommands()).extracting(ScriptStatement.MetaCommand::text)
                .containsExactly("\\restrict 7Qm2XcZkR4t9vYbH1nLpA0sDfGh3JkL5", "\\unrestrict 7Qm2XcZkR4t9vYbH1nLpA0sDfGh3JkL5");
        assertThat(run.skipped()).filteredOn(s -> s.statement().contains("OWNER TO postgres")).hasSize(15)
                .allSatisfy(s -> assertThat(s.reason()).isEqualTo("names role postgres, which app cannot SET ROLE to"));
        assertThat(run.skipped()).filteredOn(s -> s.statement().startsWith("GRANT"))
                .extracting(SqlScriptRun.Skipped::line, SqlScriptRun.Skipped::reason).containsExactly(
                        Tuple.tuple(470, "names role reporting, which this database lacks"),
                        Tuple.tuple(477, "names role reporting, which this database lacks"),
                        Tuple.tuple(484, "names role reporting, which this database lacks"));
        assertThat(run.skipped()).hasSize(18);
        assertThat(run.summary()).contains("skipped 18 statement(s)", "left out 2 psql meta-command(s)");
        assertThat(db.query("SHOW search_path")).as("the dump's empty search_path ended with the script's connection")
                .containsExactly(Map.of("search_path", "\"$user\", public"));
    }

    @Test
    void aBrokenStatement_failsNamingTheFileTheStatementItsLineAndPostgresMessage(@TempDir Path team) throws IOException {
        SourceDatabase db = database("broken");
        Path file = script(team, "schema.sql", """
                SET client_min_messages = warning;
                CREATE TABLE public.a (id int PRIMARY KEY);
                -- the next one has a typo
                CREATE TABLE public.b (
                    id integer NOT NULL,
                    name txt
                );
                CREATE TABLE public.c (id int);
                INSERT INTO public.c SELECT generate_series(1, 10);
                """);

        SqlScriptException e = refusal(file, db);

        assertThat(e.statementNumber()).isEqualTo(3);
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.sqlState()).isEqualTo("42704");
        assertThat(e.serverMessage()).isEqualTo("type \"txt\" does not exist");
        assertThat(e).hasMessage("SQL script " + file + ": PostgreSQL refused statement 3 at line 4, error at line 6: "
                + "type \"txt\" does not exist (SQLSTATE 42704). The statement: CREATE TABLE public.b ( id integer NOT "
                + "NULL, name txt ) (the statements before it ran and stay committed)");
        assertThat(e.getMessage()).doesNotContain("public.c");
        assertThat(db.query("SELECT to_regclass('public.a') IS NOT NULL AS a, to_regclass('public.c') IS NOT NULL AS c"))
                .containsExactly(Map.of("a", true, "c", false));
    }

    /** A broken copy of a few lines of the ERP dump (ErpProjectTest): the line counts through $_$ bodies and COPY data. */
    @Test
    void aBrokenDumpStatement_afterDollarQuotesAndCopyData_isNamedByItsLine(@TempDir Path team) throws IOException {
        SourceDatabase db = database("broken_dump");
        // SET check_function_bodies = false, as pg_dump writes it: the function's body names a table made later
        Path file = script(team, "erp-dump.sql", """
                SET client_encoding = 'UTF8';
                SELECT pg_catalog.set_config('search_path', '', false);
                SET check_function_bodies = false;
                CREATE SCHEMA erp;
                ALTER SCHEMA erp OWNER TO app_owner;
                CREATE FUNCTION erp.available_stock(p_product_id bigint) RETURNS integer
                    LANGUAGE sql STABLE
                    AS $_$
                  -- on hand minus reserved; a product without stock has 0
                  SELECT coalesce(sum(i.on_hand - i.reserved), 0)::integer FROM erp.inventory i WHERE i.product_id = $1;
                $_$;
                CREATE TABLE erp.inventory (
                    warehouse_code character(3) NOT NULL,
                    product_id bigint NOT NULL,
                    on_hand integer DEFAULT 0 NOT NULL,
                    reserved integer DEFAULT 0 NOT NULL
                );
                COPY erp.inventory (warehouse_code, product_id, on_hand, reserved) FROM stdin;
                GOT\t3001\t120\t4
                MAD\t3004\t400\t25
                \\.

                ALTER TABLE ONLY erp.inventory
                    ADD CONSTRAINT inventory_pkey PRIMARY KEY (warehouse_code, product_idd);
                GRANT SELECT ON TABLE erp.inventory TO reporting;
                """);

        SqlScriptException e = refusal(file, db);

        assertThat(e.statementNumber()).as("SET, SELECT, SET, CREATE SCHEMA, ALTER (skipped), FUNCTION, TABLE, COPY, ALTER")
                .isEqualTo(9);
        assertThat(e.line()).isEqualTo(23);
        assertThat(e.sqlState()).isEqualTo("42703");
        assertThat(e.serverMessage()).isEqualTo("column \"product_idd\" of relation \"inventory\" does not exist");
        assertThat(e.getMessage()).startsWith("SQL script " + file + ": PostgreSQL refused statement 9 at line 23")
                .contains("column \"product_idd\" of relation \"inventory\" does not exist (SQLSTATE 42703)")
                .doesNotContain("GOT", "GRANT", "coalesce");
        assertThat(db.query("SELECT count(*) AS n FROM erp.inventory")).as("the statements before it stay committed")
                .containsExactly(Map.of("n", 2L));
    }

    @Test
    void aBadCopyDataLine_isNamedByItsFileLine(@TempDir Path team) throws IOException {
        SourceDatabase db = database("bad_copy");
        Path file = script(team, "dump.sql", """
                CREATE TABLE public.t (id integer, note text);

                COPY public.t (id, note) FROM stdin;
                1\tfine
                two\tnot a number
                \\.
                """);

        SqlScriptException e = refusal(file, db);

        assertThat(e.line()).isEqualTo(5);
        assertThat(e.sqlState()).isEqualTo("22P02");
        assertThat(e.getMessage()).contains("refused COPY statement 2 at line 3, data line 5",
                "invalid input syntax for type integer: \"two\"");
        assertThat(db.query("SELECT count(*) AS n FROM public.t")).as("a COPY is one statement: all or nothing")
                .isEqualTo(List.of(Map.of("n", 0L)));
    }

    @Test
    void pgDump17sHeader_onPostgres16_skipsTheSettingItDoesNotKnow(@TempDir Path team) throws IOException {
        SourceDatabase db = database("dump17");
        Path file = script(team, "dump17.sql", """
                \\restrict Xy12
                SET statement_timeout = 0;
                SET transaction_timeout = 0;
                SELECT pg_catalog.set_config('search_path', '', false);
                CREATE TABLE public.t (id integer);
                \\unrestrict Xy12
                """);

        SqlScriptRun run = SqlScript.load(file).runOn(db);

        assertThat(run.statementsRun()).isEqualTo(3);
        assertThat(run.skipped()).singleElement().satisfies(s -> {
            assertThat(s.line()).isEqualTo(3);
            assertThat(s.reason()).isEqualTo("this server does not know the setting "
                    + "(unrecognized configuration parameter \"transaction_timeout\")");
        });
        assertThat(db.query("SELECT to_regclass('public.t') IS NOT NULL AS t")).containsExactly(Map.of("t", true));
    }
}
