package io.cdclab.check;

import io.cdclab.connect.ConnectorConfig;
import io.cdclab.connect.ConnectorState;
import io.cdclab.errors.LabException;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.pipeline.SqlScript;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code check}'s dynamic half: the team's pipeline started on a running (embedded) topology, each captured table
 * probed with real writes (an insert before the snapshot, two after, an UPDATE that leaves a TOASTed value
 * unchanged, a DELETE), and the lake read back with Spark. Findings are of {@link ProbeRules}, one per rule with
 * every table or column it fired at; each table also gets
 * one line of what was written and what came back. The connectors are removed afterwards; the tables stay.
 */
public final class DynamicProbe {
    private static final Logger LOG = LoggerFactory.getLogger(DynamicProbe.class);
    /** How long a table that never appears in the lake is waited for. */
    private static final Duration LAKE_TIMEOUT = Duration.ofSeconds(40);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private DynamicProbe() {
    }

    public static ProbeOutcome run(RunningTopology lab, PipelineFiles files, SchemaModel schema) {
        Timer timer = Timer.start();
        if ("external".equals(lab.backend())) {
            // The probe creates the team's tables and writes rows: only into a database the lab started itself.
            throw new LabException("The dynamic probe creates the captured tables and writes rows to them, so it runs "
                    + "only on a topology the lab started (embedded or containers backend), not on the external backend's "
                    + "database at " + lab.source().host() + ":" + lab.source().port() + ". Run check without "
                    + "-Dlab.backend=external.");
        }
        List<SchemaModel.Table> tables = captured(files, schema);
        createTables(lab, files, schema.only(tables));
        Map<String, ProbeTableWrites> writes = new LinkedHashMap<>();
        Map<String, Long> seedRows = new LinkedHashMap<>();
        for (SchemaModel.Table table : tables) {
            ProbeTableWrites w = new ProbeTableWrites(lab.source(), table);
            w.prepare();
            seedRows.put(table.qualifiedName(), ((Number) lab.source().query("SELECT count(*) AS n FROM "
                    + SchemaDdl.quote(table.schema()) + "." + SchemaDdl.quote(table.name())).get(0).get("n")).longValue());
            w.insert(1);
            writes.put(table.qualifiedName(), w);
        }
        Pipeline.Builder builder = lab.pipeline(pipelineId()).tables(writes.keySet().toArray(String[]::new))
                .sourceFixture(files.source()).sinkFixture(files.sink());
        files.values().forEach(builder::set);
        requirePublicationWhereNotAutocreated(lab, builder.sourceConfig());
        Pipeline pipeline = builder.start();
        Duration started = timer.elapsed();
        try {
            for (ProbeTableWrites w : writes.values()) {
                w.insert(2);
                w.insert(3);
                w.updateAndDelete();
            }
            Map<String, String> iceberg = new LinkedHashMap<>();
            Map<String, Long> expected = new LinkedHashMap<>();
            writes.forEach((table, w) -> {
                iceberg.put(table, pipeline.icebergTable(table));
                expected.put(table, w.events() + seedRows.get(table));
            });
            Duration settle = max(Duration.ofSeconds(8), lab.sinkCommitInterval().multipliedBy(6));
            Timer waiting = Timer.start();
            Map<String, ProbeReadBack.TableRead> reads = ProbeReadBack.await(lab.lake(), iceberg, expected, LAKE_TIMEOUT, settle);
            Duration waited = waiting.elapsed();
            String trouble = withSinkFacts(connectorTrouble(lab, pipeline), pipeline, reads);
            List<Finding> findings = new ArrayList<>();
            List<String> probed = new ArrayList<>();
            writes.forEach((table, w) -> {
                ProbeComparison comparison = new ProbeComparison(w, reads.get(table), new ProbeComparison.Hints(
                        seedRows.get(table), snapshotMode(pipeline.source()), dropsDeletes(pipeline.sink()), waited, trouble));
                probed.add(comparison.compare());
                findings.addAll(comparison.findings());
            });
            LOG.info("check probe {}: {} table(s), {} finding(s) in {} (pipeline RUNNING after {} s, lake read after {} s more)",
                    pipeline.id(), writes.size(), findings.size(), timer.seconds(), started.toMillis() / 1000.0,
                    waited.toMillis() / 1000.0);
            return new ProbeOutcome(FindingsByRule.group(findings), probed, timer.elapsed());
        } finally {
            try {
                pipeline.delete();
            } catch (RuntimeException e) {
                LOG.warn("check probe: could not remove the probe's connectors: {}", e.toString());
            }
        }
    }

    private static List<SchemaModel.Table> captured(PipelineFiles files, SchemaModel schema) {
        if (files.tables().isEmpty()) {
            throw new LabException("The probe has no tables to probe: name the captured tables (--tables schema.table,...).");
        }
        List<SchemaModel.Table> tables = new ArrayList<>();
        for (String name : files.tables()) {
            tables.add(schema.table(name).orElseThrow(() -> new LabException("Table " + name + " is captured but not in "
                    + "the schema (it has " + schema.tables().stream().map(SchemaModel.Table::qualifiedName).toList()
                    + "). Fix the name in --tables, or add the table to the schema.")));
        }
        return tables;
    }

    /** The team's schema SQL where there is one (it may create types the model does not carry), else the model's DDL. */
    private static void createTables(RunningTopology lab, PipelineFiles files, SchemaModel tables) {
        try {
            if (files.schemaSql().isPresent()) {
                SqlScript.load(files.schemaSql().get()).runOn(lab.source());
            } else {
                lab.source().execute(SchemaDdl.of(tables).toArray(String[]::new));
            }
        } catch (LabException e) {
            throw new LabException("The probe could not create the tables on the lab's PostgreSQL: " + e.getMessage()
                    + (files.schemaSql().isPresent() ? "" : " (the schema was read from a live database; a type it "
                    + "defines, such as an enum, needs the schema SQL instead: pass --schema FILE)"), e);
        }
    }

    /**
     * With {@code publication.autocreate.mode=disabled} the publication is the team's own (a DBA's, or an insert-only
     * one for an append-only table, K3's fix); the probe cannot guess what it publishes, so it must be in the schema.
     */
    private static void requirePublicationWhereNotAutocreated(RunningTopology lab, ConnectorConfig source) {
        String publication = source.get("publication.name");
        if (!"disabled".equals(source.get("publication.autocreate.mode")) || publication == null) {
            return;
        }
        boolean exists = !lab.source().query("SELECT 1 FROM pg_publication WHERE pubname = '"
                + publication.replace("'", "''") + "'").isEmpty();
        if (!exists) {
            throw new LabException("The source config sets publication.autocreate.mode=disabled, so Debezium expects "
                    + "publication " + publication + " to exist, and the probe's schema did not create it. Add its "
                    + "CREATE PUBLICATION statement (as production has it, e.g. WITH (publish = 'insert')) to the schema "
                    + "SQL, so the probe publishes what production publishes.");
        }
    }

    private static String pipelineId() {
        return "probe" + RUNS.incrementAndGet() + "_" + Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    }

    private static String snapshotMode(ConnectorConfig source) {
        String mode = source.get("snapshot.mode");
        return mode == null ? "initial" : mode;
    }

    /** Whether the sink flattens with ExtractNewRecordState and leaves deletes as tombstones (its default). */
    static boolean dropsDeletes(ConnectorConfig sink) {
        if (sink == null) {
            return false;
        }
        String transforms = sink.get("transforms");
        if (transforms == null) {
            return false;
        }
        for (String t : transforms.split(",")) {
            String prefix = "transforms." + t.strip() + ".";
            if (String.valueOf(sink.get(prefix + "type")).endsWith("ExtractNewRecordState")) {
                String mode = sink.config().getOrDefault(prefix + "delete.tombstone.handling.mode",
                        sink.config().getOrDefault(prefix + "delete.handling.mode", "tombstone"));
                return !mode.startsWith("rewrite");
            }
        }
        return false;
    }

    /** A failed connector or task, in one short line, for the evidence of missing rows. */
    private static String connectorTrouble(RunningTopology lab, Pipeline pipeline) {
        List<String> trouble = new ArrayList<>();
        for (ConnectorConfig c : new ConnectorConfig[]{pipeline.source(), pipeline.sink()}) {
            if (c == null) {
                continue;
            }
            try {
                ConnectorState state = lab.connect().status(c.name());
                if (state.hasFailure()) {
                    String summary = state.failureSummary().split("\n")[0];
                    trouble.add(c.name() + " " + (summary.length() > 160 ? summary.substring(0, 157) + "..." : summary));
                }
            } catch (RuntimeException e) {
                trouble.add(c.name() + " status unknown (" + e.getMessage() + ")");
            }
        }
        return trouble.isEmpty() ? null : String.join("; ", trouble);
    }

    /** A table that never appeared: what the sink's consumer group holds says whether the sink consumes at all. */
    private static String withSinkFacts(String trouble, Pipeline pipeline, Map<String, ProbeReadBack.TableRead> reads) {
        if (reads.values().stream().allMatch(ProbeReadBack.TableRead::appeared)) {
            return trouble;
        }
        String facts = pipeline.sinkConsumerFacts();
        return trouble == null ? facts : trouble + "; " + facts;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
