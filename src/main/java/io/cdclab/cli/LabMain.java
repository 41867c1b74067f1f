package io.cdclab.cli;

import io.cdclab.check.CheckResult;
import io.cdclab.errors.LabException;
import io.cdclab.lake.CurrentState;
import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.pipeline.SqlScript;
import io.cdclab.process.ProcessReaper;
import io.cdclab.report.LabReport;
import io.cdclab.report.ReportPage;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The lab's main job, the seed's {@code docker-compose up} plus its two curl scripts in one command: starts the
 * topology, creates the demo tables, registers the Debezium source and the Iceberg sink, makes changes, waits
 * until they are in Iceberg and prints what Spark SQL reads, with timings. {@code --keep-running} leaves it up,
 * prints every endpoint and how to log in ({@link LoginFile}), and on Ctrl-C or SIGTERM stops the servers in
 * order ({@link StackStop}); a second Ctrl-C stops them at once, hard. {@code --no-demo} starts the topology
 * only (no tables, no connectors), as {@code docker-compose up} without the seed's curl scripts.
 */
public final class LabMain {
    private static final Duration LANDING_TIMEOUT = Duration.ofSeconds(120);
    private static final List<DemoTable> TABLES = List.of(
            new DemoTable("customers", List.of("id"), 8),   // 4 snapshot reads + 1 insert, 2 updates, 1 delete
            new DemoTable("orders", List.of("customer_id", "order_no"), 6)); // 3 reads + 1 insert, 1 update, 1 delete

    private final PrintStream out;
    private final Timer clock = Timer.start();
    private final Map<String, String> timeline = new LinkedHashMap<>();

    private LabMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        List<String> options = List.of(args);
        if (options.contains("--help")) {
            System.out.println("usage: LabMain [--keep-running] [--no-demo]   (backend: -Dlab.backend=auto|embedded|...)");
            System.out.println("       LabMain --schema FILE --source FILE --sink FILE --tables a,b [--set name=value]... "
                    + "[--id name] [--keep-running]   (your own pipeline)");
            System.out.println("       LabMain --check --schema FILE|--jdbc-url URL --source FILE --sink FILE [--tables a,b] [--accept rule[@where]]... "
                    + "[--set name=value]... [--no-probe] [--strict] [--json FILE]   (your pipeline against the lab's "
                    + "findings; exit 0 passed, 1 failed, 2 bad input)");
            return;
        }
        // The main job's -Dlab.* (the launcher passes every one on), read once and handed to the topology.
        LabSettings settings = LabSettings.fromSystemProperties();
        if (options.contains("--check")) {
            int exit;
            try {
                exit = CheckCommand.from(options).run(System.out, settings);
            } catch (LabException e) {
                System.err.println("cdc-lab check: " + e.getMessage());
                exit = CheckResult.EXIT_BAD_INPUT;
            }
            System.exit(exit);
        }
        try {
            // A team's files are checked before anything starts: a typo costs no server start-up.
            Optional<TeamPipeline> team = TeamPipeline.from(options);
            new LabMain(System.out).run(settings, options.contains("--keep-running"), !options.contains("--no-demo"),
                    team);
        } catch (LabException e) {
            System.err.println("cdc-lab: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run(LabSettings settings, boolean keepRunning, boolean demo, Optional<TeamPipeline> team) {
        out.println("cdc-lab: PostgreSQL 16 -> Debezium -> Kafka (KRaft) -> Iceberg sink -> S3 + catalog -> Spark SQL");
        RunningTopology lab = Topology.builder().labSettings(settings).build().start();
        boolean handedToStopSignals = false;
        try {
            Map<String, Duration> times = lab.startupTimes();
            step("topology ready on the %s backend (%s)", lab.backend(), describe(times));
            Optional<Pipeline> pipeline = team.isPresent() ? Optional.of(new TeamPipelineRun(lab, out, this::step)
                    .run(team.get())) : demo ? Optional.of(runDemo(lab, times)) : Optional.empty();
            if (keepRunning) {
                printEndpoints(lab, pipeline);
                handedToStopSignals = true;
                keepRunningUntilStopped(lab, pipeline);
            }
        } finally {
            if (!handedToStopSignals) {
                lab.close();
                step("stopped; logs are in target/cdc-lab/runs/");
            }
        }
    }

    private Pipeline runDemo(RunningTopology lab, Map<String, Duration> times) {
        SqlScript.builtIn("demo-schema").runOn(lab.source());
        step("demo tables created and filled: public.customers, public.orders (fixtures/sql/demo-schema.sql)");

        Pipeline pipeline = lab.pipeline("demo").tables("public.customers", "public.orders").start();
        step("connectors RUNNING: %s (Debezium PostgreSQL), %s (Iceberg sink)",
                pipeline.source().name(), pipeline.sink().name());

        SqlScript changes = SqlScript.builtIn("demo-changes");
        changes.runOn(lab.source());
        step("%d changes committed in PostgreSQL (fixtures/sql/demo-changes.sql)", changes.statements().size());

        Lake lake = lab.lake();
        for (DemoTable table : TABLES) {
            try {
                lake.awaitRows(pipeline.icebergTable(table.name()), table.expectedEvents(), LANDING_TIMEOUT);
            } catch (LabException e) {
                throw pipeline.withSinkFacts(e);
            }
        }
        step("all %d change events committed to Iceberg and read by Spark SQL",
                TABLES.stream().mapToInt(DemoTable::expectedEvents).sum());

        ReportPage.Section report = LabReport.page("main-job", "Main job: the demo pipeline")
                .section("Last run on the " + lab.backend() + " backend");
        report.barChart("Start-up, milliseconds until ready", millis(times));
        for (DemoTable table : TABLES) {
            show(lab, lake, pipeline, table, report);
        }
        report.figures("Timeline (seconds since the command started)", timeline);
        LabReport.page("main-job", "Main job: the demo pipeline").write();
        return pipeline;
    }

    private void show(RunningTopology lab, Lake lake, Pipeline pipeline, DemoTable table, ReportPage.Section report) {
        String iceberg = pipeline.icebergTable(table.name());
        out.println();
        out.println("Spark SQL> SELECT _cdc.op, _cdc.offset, _cdc.ts, * FROM " + iceberg + "   -- the changelog the sink appended");
        lake.sql("SELECT _cdc.op AS op, _cdc.offset AS kafka_offset, _cdc.ts AS source_ts, * EXCEPT (_cdc) FROM " + iceberg
                + " ORDER BY " + String.join(", ", table.keyColumns()) + ", kafka_offset").show(50, false);
        out.println("Spark SQL> current state of " + table.name() + ", materialised from the changelog (newest event per key, deletes dropped)");
        lake.sql(CurrentState.sql(lake, iceberg, table.keyColumns()) + " ORDER BY " + String.join(", ", table.keyColumns()))
                .show(50, false);
        Reconciliation check = Reconciler.compare(lab.source().query("SELECT * FROM public." + table.name()),
                CurrentState.rows(lake, iceberg, table.keyColumns()), table.keyColumns());
        out.println("Compared with PostgreSQL row by row: " + (check.matches() ? "identical" : "DIFFERENT") + " ("
                + check.summary() + ")");
        report.paragraph(iceberg + " compared with public." + table.name() + " in PostgreSQL: "
                + (check.matches() ? "identical" : "DIFFERENT") + " (" + check.summary() + ").");
    }

    private void printEndpoints(RunningTopology lab, Optional<Pipeline> pipeline) {
        out.println();
        out.println("The pipeline keeps running. Endpoints:");
        lab.endpoints().forEach((name, value) -> out.printf("  %-24s %s%n", name, value));
        pipeline.ifPresent(p -> {
            List<String> tables = List.of(p.source().get("table.include.list").split(","));
            out.printf("  %-24s %s, %s%n", "Connectors", p.source().name(), p.sink().name());
            out.printf("  %-24s %s%n", "Change-event topics", String.join(", ", tables.stream().map(p::topic).toList()));
            out.printf("  %-24s %s%n", "Iceberg tables", String.join(", ", tables.stream().map(p::icebergTable).toList()));
        });
    }

    /** Writes the login file, then waits for Ctrl-C/SIGTERM: the first stops in order, a second one hard. */
    private void keepRunningUntilStopped(RunningTopology lab, Optional<Pipeline> pipeline) {
        LoginFile login = LoginFile.write(lab, LoginFile.location());
        // Deleted at stop, hard stop and any other JVM exit; only a kill -9 leaves it (the next run replaces it).
        ProcessReaper.register(login::delete);
        LoginHints.print(out, lab, login.path(), pipeline);
        CountDownLatch stopped = new CountDownLatch(1);
        List<String> unhandled = StopSignals.firstThenSecond(Long.getLong(MainJobCommand.PARENT_PID, -1),
                cause -> {
                    step("stop requested (%s): stopping the servers in order", cause);
                    login.delete();
                    Duration took = new StackStop(lab, out).run();
                    step("all stopped in %.1f s; logs are in target/cdc-lab/runs/", took.toMillis() / 1000.0);
                    stopped.countDown();
                },
                cause -> {
                    step("stop requested again (%s): stopping at once, hard (every server killed, nothing flushed)", cause);
                    login.delete();
                    Runtime.getRuntime().exit(130); // the exit-time reaper kills every server still running
                });
        out.println();
        if (unhandled.contains("SIGINT")) {
            out.println("SIGINT is ignored in this process (started in the background by a non-interactive shell or "
                    + "under nohup), so Ctrl-C cannot reach it; use kill " + ProcessHandle.current().pid()
                    + " to stop (a second kill stops at once, hard).");
        } else {
            out.println("Press Ctrl-C to stop (a second Ctrl-C stops at once, hard).");
        }
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Spark and client threads are not daemons; the servers are already stopped.
        System.exit(0);
    }

    /** One line of the job's timeline, with the seconds since the command started. */
    interface Steps {
        void step(String format, Object... args);
    }

    private void step(String format, Object... args) {
        String text = String.format(format, args);
        double seconds = clock.millis() / 1000.0;
        timeline.put(String.format("%6.1f s", seconds), text);
        out.printf("[%6.1f s] %s%n", seconds, text);
    }

    private static Map<String, Long> millis(Map<String, Duration> times) {
        Map<String, Long> millis = new LinkedHashMap<>();
        times.forEach((name, d) -> millis.put(name, d.toMillis()));
        return millis;
    }

    private static String describe(Map<String, Duration> times) {
        StringBuilder sb = new StringBuilder();
        times.forEach((name, d) -> sb.append(sb.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(String.format("%.1f s", d.toMillis() / 1000.0)));
        return sb.toString();
    }

    private record DemoTable(String name, List<String> keyColumns, int expectedEvents) {
    }
}
