package io.cdclab.scenarios;

import io.cdclab.connect.ConnectorFixture;
import io.cdclab.errors.LabException;
import io.cdclab.lake.Changelog;
import io.cdclab.lake.CurrentState;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.verify.ChangeEvent;
import io.cdclab.verify.ChangeEventReader;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The set-up every scenario repeats, in one fluent chain: create its tables, start a pipeline for them, then
 * read its events from Kafka, wait for its rows in the lake and reconcile them with PostgreSQL.
 *
 * <pre>{@code
 * Scenario.Capture k1 = Scenario.on(lab)
 *         .given("CREATE TABLE public.k1_customers (id int PRIMARY KEY, name text)")
 *         .capture("k1", "public.k1_customers").start();
 * List<ChangeEvent> events = k1.events("k1_customers", 55);
 * String table = k1.awaitLake("k1_customers", 53);
 * Reconciliation state = k1.reconcile("SELECT id, name FROM k1_customers", "k1_customers", "id");
 * }</pre>
 *
 * Every wait is bounded by {@link #within(Duration)}, 120 s unless a scenario says otherwise.
 */
final class Scenario {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final RunningTopology lab;
    private final Duration timeout;

    private Scenario(RunningTopology lab, Duration timeout) {
        this.lab = lab;
        this.timeout = timeout;
    }

    static Scenario on(RunningTopology lab) {
        return new Scenario(lab, TIMEOUT);
    }

    /** How long each wait (Kafka events, lake rows) may take. */
    Scenario within(Duration timeout) {
        return new Scenario(lab, timeout);
    }

    /** Runs the statements on the source database now, each in its own transaction. */
    Scenario given(String... statements) {
        lab.source().execute(statements);
        return this;
    }

    /** A pipeline for {@code tables} with the lab's fixtures; change it before {@link CaptureSpec#start()}. */
    CaptureSpec capture(String id, String... tables) {
        return new CaptureSpec(this, lab.pipeline(id).tables(tables));
    }

    /** A pipeline not started yet. */
    static final class CaptureSpec {
        private final Scenario scenario;
        private Pipeline.Builder builder;

        private CaptureSpec(Scenario scenario, Pipeline.Builder builder) {
            this.scenario = scenario;
            this.builder = builder;
        }

        /** Only the source connector: for scenarios about Kafka alone. */
        CaptureSpec withoutSink() {
            builder.withoutSink();
            return this;
        }

        /** The lab's changelog sink ({@link Changelog}): one row per change event, Debezium's op codes kept. */
        CaptureSpec changelog() {
            return sinkFixture(Changelog.sinkFixture());
        }

        CaptureSpec sinkFixture(ConnectorFixture fixture) {
            builder.sinkFixture(fixture);
            return this;
        }

        CaptureSpec sourceConfig(String key, String value) {
            builder.sourceConfig(key, value);
            return this;
        }

        CaptureSpec sinkConfig(String key, String value) {
            builder.sinkConfig(key, value);
            return this;
        }

        /** How long {@link #start()} waits for the connectors to run. */
        CaptureSpec timeout(Duration timeout) {
            builder.timeout(timeout);
            return this;
        }

        /** Anything else {@link Pipeline.Builder} offers. */
        CaptureSpec with(UnaryOperator<Pipeline.Builder> change) {
            builder = change.apply(builder);
            return this;
        }

        /** Registers both connectors and waits until they run. */
        Capture start() {
            return new Capture(scenario, builder.start());
        }
    }

    /** A started pipeline, and what a scenario waits for from it. */
    static final class Capture {
        private final Scenario scenario;
        private final Pipeline pipeline;

        private Capture(Scenario scenario, Pipeline pipeline) {
            this.scenario = scenario;
            this.pipeline = pipeline;
        }

        Pipeline pipeline() {
            return pipeline;
        }

        /** At least {@code expected} change events of {@code table} from its Kafka topic, in topic order. */
        List<ChangeEvent> events(String table, int expected) {
            return ChangeEventReader.readAtLeast(scenario.lab.kafkaBootstrapServers(), pipeline.topic(table), expected,
                    scenario.timeout);
        }

        /** A table in the pipeline's Iceberg namespace: the sink's table for {@code table}, or a mirror beside it. */
        String lakeTable(String table) {
            return pipeline.icebergTable(table);
        }

        /** Waits until the sink's table for {@code table} holds {@code rows} rows; returns its Spark SQL name. */
        String awaitLake(String table, long rows) {
            String lakeTable = lakeTable(table);
            try {
                scenario.lab.lake().awaitRows(lakeTable, rows, scenario.timeout);
            } catch (LabException e) {
                throw pipeline.withSinkFacts(e);
            }
            return lakeTable;
        }

        /**
         * PostgreSQL's rows ({@code sourceQuery}) against the current state rebuilt from the sink's table for
         * {@code table} (the default sink's changelog, with its {@code _cdc} columns).
         */
        Reconciliation reconcile(String sourceQuery, String table, String... key) {
            List<String> keyColumns = List.of(key);
            return Reconciler.compare(scenario.lab.source().query(sourceQuery),
                    CurrentState.rows(scenario.lab.lake(), lakeTable(table), keyColumns), keyColumns);
        }
    }
}
