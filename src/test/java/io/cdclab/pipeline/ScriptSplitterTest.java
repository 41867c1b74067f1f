package io.cdclab.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** psql's statement boundaries, without a server. */
class ScriptSplitterTest {

    private static List<ScriptStatement> split(String sql) {
        return ScriptSplitter.split(sql).statements();
    }

    @Test
    void semicolonsInsideQuotesIdentifiersAndCommentsDoNotEndAStatement() {
        List<ScriptStatement> statements = split(String.join("\n",
                "INSERT INTO t VALUES ('a;b', 'it''s; fine');   -- trailing; comment",
                "CREATE TABLE \"odd;name\" (\"col;\" int);",
                "/* a block; /* nested; */ still; comment */ SELECT E'esc\\';still' AS x;",
                "SELECT 1 -- no semicolon here; but here:",
                ";"));

        assertThat(statements).extracting(ScriptStatement::text).containsExactly(
                "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
                "CREATE TABLE \"odd;name\" (\"col;\" int)",
                "SELECT E'esc\\';still' AS x",
                "SELECT 1");
        assertThat(statements).extracting(ScriptStatement::line).containsExactly(1, 2, 3, 4);
        assertThat(statements).extracting(ScriptStatement::number).containsExactly(1, 2, 3, 4);
    }

    @Test
    void dollarQuotesWithAnyTagHideTheirBody_andADollarInsideAnIdentifierIsNoQuote() {
        List<ScriptStatement> statements = split(String.join("\n",
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;",
                "CREATE FUNCTION g(int) RETURNS int LANGUAGE sql AS $_$ SELECT $1; -- $$ inside",
                "$_$;",
                "CREATE FUNCTION h() RETURNS trigger LANGUAGE plpgsql AS $body$",
                "BEGIN",
                "  RAISE NOTICE 'a $$ and a ;';",
                "  RETURN NEW;",
                "END;",
                "$body$;",
                "SELECT a$b$c FROM t;",
                "SELECT 2;"));

        assertThat(statements).hasSize(5);
        assertThat(statements.get(1).text()).endsWith("$_$ SELECT $1; -- $$ inside\n$_$");
        assertThat(statements.get(2).text()).contains("RETURN NEW;").endsWith("$body$");
        assertThat(statements).extracting(ScriptStatement::line).containsExactly(1, 2, 4, 10, 11);
        assertThat(statements.get(3).text()).isEqualTo("SELECT a$b$c FROM t");
    }

    @Test
    void aSqlStandardFunctionBody_isOneStatement_asPsqlKeepsBeginAtomicTogether() {
        List<ScriptStatement> statements = split(String.join("\n",
                "SET search_path = shop;",
                "",
                "CREATE OR REPLACE FUNCTION shop.grade(n int) RETURNS text LANGUAGE sql",
                "BEGIN ATOMIC",
                "  SELECT CASE WHEN n > 10 THEN 'big' ELSE 'small' END;",
                "  SELECT 'again';",
                "END;",
                "SELECT shop.grade(3);",
                "BEGIN;",
                "COMMIT;"));

        assertThat(statements).extracting(ScriptStatement::line).containsExactly(1, 3, 8, 9, 10);
        assertThat(statements.get(1).text()).endsWith("SELECT 'again';\nEND");
        assertThat(statements.get(3).text()).as("a transaction's BEGIN is no block").isEqualTo("BEGIN");
    }

    @Test
    void copyFromStdin_takesTheDataLinesUpToBackslashDot_withTabsNullsAndEscapesVerbatim() {
        ScriptSplitter.Split split = ScriptSplitter.split(String.join("\n",
                "SET client_encoding = 'UTF8';",
                "COPY shop.customers (id, note) FROM stdin;",
                "1\t\\N",
                "2\ttab\\there; and a semicolon",
                "3\t-- not a comment",
                "\\.",
                "",
                "SELECT pg_catalog.setval('shop.customers_id_seq', 3, true);"));

        List<ScriptStatement> statements = split.statements();
        assertThat(statements).extracting(ScriptStatement::text).containsExactly(
                "SET client_encoding = 'UTF8'",
                "COPY shop.customers (id, note) FROM stdin",
                "SELECT pg_catalog.setval('shop.customers_id_seq', 3, true)");
        ScriptStatement copy = statements.get(1);
        assertThat(copy.isCopyFromStdin()).isTrue();
        assertThat(copy.copyData()).isEqualTo("1\t\\N\n2\ttab\\there; and a semicolon\n3\t-- not a comment\n");
        assertThat(copy.dataLine()).isEqualTo(3);
        assertThat(statements.get(2).line()).isEqualTo(8);
        assertThat(split.metaCommands()).as("\\. ends the data, it is no meta-command").isEmpty();
    }

    @Test
    void metaCommandsAreListed_notSent() {
        ScriptSplitter.Split split = ScriptSplitter.split(String.join("\n",
                "\\restrict abc123",
                "\\connect shop",
                "CREATE TABLE t (id int);",
                "  \\set ON_ERROR_STOP on",
                "\\unrestrict abc123"));

        assertThat(split.statements()).extracting(ScriptStatement::text).containsExactly("CREATE TABLE t (id int)");
        assertThat(split.metaCommands()).extracting(ScriptStatement.MetaCommand::toString).containsExactly(
                "line 1: \\restrict abc123", "line 2: \\connect shop", "line 4: \\set ON_ERROR_STOP on",
                "line 5: \\unrestrict abc123");
    }

    @Test
    void aServerErrorPositionMapsBackToTheFileLine_throughDroppedComments() {
        ScriptStatement s = split(String.join("\n",
                "SELECT 1;",
                "CREATE TABLE t (",
                "    /* a comment",
                "       over two lines */",
                "    name txt",
                ");")).get(1);

        assertThat(s.line()).isEqualTo(2);
        assertThat(s.lineOf(s.text().indexOf("txt") + 1)).isEqualTo(5);
    }

    @Test
    void anExcerptIsOneLineAndAtMost200Characters() {
        ScriptStatement s = split("INSERT INTO t VALUES\n" + "('x'),\n".repeat(100) + "('y');").get(0);

        assertThat(s.excerpt()).doesNotContain("\n").hasSize(203).startsWith("INSERT INTO t VALUES ('x'), ('x')")
                .endsWith("...");
    }

    @Test
    void theShippedDumpFixtureSplitsIntoItsStatements() {
        SqlScript dump = SqlScript.builtIn("shop-dump");

        assertThat(dump.parsedStatements()).filteredOn(ScriptStatement::isCopyFromStdin).hasSize(6);
        assertThat(dump.metaCommands()).hasSize(2);
        assertThat(dump.statements()).noneMatch(s -> s.contains("\\.") || s.startsWith("--"))
                .contains("SELECT pg_catalog.set_config('search_path', '', false)")
                .anyMatch(s -> s.startsWith("CREATE FUNCTION shop.touch_updated_at()") && s.endsWith("$$"));
    }
}
