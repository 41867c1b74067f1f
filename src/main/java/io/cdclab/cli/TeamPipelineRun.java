package io.cdclab.cli;

import io.cdclab.errors.LabException;
import io.cdclab.lake.CurrentState;
import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.pipeline.SqlScript;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a team's own pipeline on a started topology: its schema, its two connector configs, its tables. Waits until
 * every table's existing rows are in Iceberg, then compares each keyed table with PostgreSQL row by row (a keyless
 * table has no key to compare by: its row count is shown).
 */
final class TeamPipelineRun {
    private static final Duration LANDING_TIMEOUT = Duration.ofSeconds(120);

    private final RunningTopology lab;
    private final PrintStream out;
    private final LabMain.Steps steps;

    TeamPipelineRun(RunningTopology lab, PrintStream out, LabMain.Steps steps) {
        this.lab = lab;
        this.out = out;
        this.steps = steps;
    }

    Pipeline run(TeamPipeline team) {
        // The summary names what a dump's file had that was left out: ownership, grants to absent roles, meta-commands.
        steps.step("schema applied: %s", SqlScript.load(team.schema()).runOn(lab.source()).summary());
        requireTablesCreated(team);

        Pipeline.Builder builder = lab.pipeline(team.id()).tables(team.tables().toArray(String[]::new))
                .sourceFixture(team.source()).sinkFixture(team.sink());
        team.values().forEach(builder::set);
        Pipeline pipeline = builder.start();
        steps.step("connectors RUNNING: %s (%s), %s (%s)", pipeline.source().name(), team.source().source(),
                pipeline.sink().name(), team.sink().source());

        Lake lake = lab.lake();
        for (String table : team.tables()) {
            long rows = ((Number) lab.source().query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
            String iceberg = pipeline.icebergTable(table);
            if (rows > 0) {
                try {
                    lake.awaitRows(iceberg, rows, LANDING_TIMEOUT);
                } catch (LabException e) {
                    throw new LabException(table + "'s " + rows + " row(s) did not reach " + iceberg + " within "
                            + LANDING_TIMEOUT.toSeconds() + " s. If your sink routes tables elsewhere (its "
                            + "iceberg.tables.* or route settings), the lab looks in the wrong place: route to "
                            + "{{iceberg.namespace}}.<table>. " + pipeline.sinkConsumerFacts(), e);
                }
            }
            compare(lake, table, iceberg, rows);
        }
        return pipeline;
    }

    private void requireTablesCreated(TeamPipeline team) {
        List<String> missing = new ArrayList<>();
        for (String table : team.tables()) {
            if (lab.source().query("SELECT to_regclass('" + table.replace("'", "''") + "') AS t").get(0).get("t") == null) {
                missing.add(table);
            }
        }
        if (!missing.isEmpty()) {
            List<Map<String, Object>> existing = lab.source().query("SELECT table_schema || '.' || table_name AS t "
                    + "FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
                    + "ORDER BY 1");
            throw new LabException("--tables names " + missing + ", which " + team.schema() + " did not create. "
                    + "Tables there now: " + existing.stream().map(r -> r.get("t")).toList() + ". Fix the name in "
                    + "--tables, or create the table in the schema file.");
        }
    }

    private void compare(Lake lake, String table, String iceberg, long sourceRows) {
        List<String> keys = primaryKey(table);
        boolean debeziumLayout = List.of(lake.sql("SELECT * FROM " + iceberg + " LIMIT 0").columns()).contains("_cdc");
        if (keys.isEmpty() || !debeziumLayout) {
            out.printf("%s -> %s: %d row(s) in PostgreSQL, %d change event(s) in Iceberg (%s)%n", table, iceberg,
                    sourceRows, lake.rows("SELECT count(*) FROM " + iceberg).get(0).getLong(0),
                    keys.isEmpty() ? "no primary key: nothing to compare rows by"
                            : "not the DebeziumTransform layout (_cdc): current state not rebuilt");
            return;
        }
        Reconciliation check = Reconciler.compare(lab.source().query("SELECT * FROM " + table),
                CurrentState.rows(lake, iceberg, keys), keys);
        out.printf("%s -> %s compared with PostgreSQL row by row: %s (%s)%n", table, iceberg,
                check.matches() ? "identical" : "DIFFERENT", check.summary());
    }

    private List<String> primaryKey(String table) {
        return lab.source().query("SELECT a.attname AS c FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                        + "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + table.replace("'", "''")
                        + "'::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")
                .stream().map(r -> (String) r.get("c")).toList();
    }
}
