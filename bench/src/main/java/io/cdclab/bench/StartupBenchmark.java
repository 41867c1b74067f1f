package io.cdclab.bench;

import io.cdclab.lake.Lake;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.report.LabReport;
import io.cdclab.report.ProcessMemorySampler;
import io.cdclab.report.ReportFiles;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.util.LabHome;
import io.cdclab.util.Timer;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold-start benchmark (not a test): starts the whole topology from nothing several times and measures each
 * service's start, the topology with both connectors RUNNING, the time from cold to the first changed row read
 * by Spark SQL, and the peak resident memory of everything the lab started. Writes
 * {@code target/bench/startup.json} and {@code target/bench/startup.md}.
 *
 * <p>Run: {@code mvn -q -f bench/pom.xml compile exec:java} (runs: {@code -Dbench.runs=3}; docs/BENCHMARKS.md).
 */
public final class StartupBenchmark {
    private static final Duration GOAL = Duration.ofSeconds(8);

    private StartupBenchmark() {
    }

    public static void main(String[] args) {
        run();
        System.exit(0); // Spark's non-daemon threads would keep the JVM alive
    }

    /** Measures {@code bench.runs} cold starts and writes startup.json, startup.md and the report page. */
    public static void run() {
        int runs = Integer.getInteger("bench.runs", 3);
        Path home = LabHome.locate();
        List<Map<String, Object>> results = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            results.add(runOnce(run, home));
            System.out.printf("run %d/%d: %s%n", run, runs, results.get(results.size() - 1));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "startup");
        report.put("when", Instant.now().toString());
        report.put("machine", machine());
        report.put("goal_ms_topology_with_connectors_running", GOAL.toMillis());
        report.put("runs", results);
        report.put("median", medians(results));
        Path dir = home.resolve("target/bench");
        ReportFiles.writeJson(dir.resolve("startup.json"), report);
        ReportFiles.writeText(dir.resolve("startup.md"), markdown(report, results));
        writeReportPage(medians(results), runs);
        System.out.println("wrote " + dir.resolve("startup.json") + " and startup.md");
    }

    private static Map<String, Object> runOnce(int run, Path home) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run", run);
        figures.put("spark_session_cold", run == 1);
        try (ProcessMemorySampler memory = new ProcessMemorySampler(home.resolve("target/cdc-lab/runs").toString())) {
            Timer cold = Timer.start();
            long labCpuAtStart = ChildCpuTimes.labJvmMillis();
            try (RunningTopology lab = Topology.builder().build().start(BenchBackend.fromSystemProperties())) {
                lab.startupTimes().forEach((service, d) -> figures.put(service + "_ms", d.toMillis()));
                lab.source().execute("CREATE TABLE public.bench_probe (id int PRIMARY KEY, note text)");
                Timer connectors = Timer.start();
                Pipeline pipeline = lab.pipeline("bench").tables("public.bench_probe").start();
                figures.put("connectors_running_ms", connectors.millis());
                figures.put("topology_with_connectors_running_ms", cold.millis());
                figures.putAll(ChildCpuTimes.figures());
                figures.put("cpu_lab_jvm_ms", ChildCpuTimes.labJvmMillis() - labCpuAtStart);
                figures.put("load_average_1m_x100", Math.round(
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100));
                lab.source().execute("INSERT INTO public.bench_probe VALUES (1, 'first row')");
                Lake lake = lab.lake();
                lake.awaitRows(pipeline.icebergTable("bench_probe"), 1, Duration.ofSeconds(120));
                figures.put("cold_to_first_row_read_by_spark_ms", cold.millis());
            }
            figures.put("peak_rss_mb", memory.peakBytes() / (1024 * 1024));
        }
        return figures;
    }

    /** The same figures on the lab report's performance page, as a chart. */
    private static void writeReportPage(Map<String, Long> median, int runs) {
        Map<String, Long> chart = new LinkedHashMap<>();
        median.forEach((key, value) -> {
            if (key.endsWith("_ms")) {
                chart.put(key.substring(0, key.length() - 3).replace('_', ' '), value);
            }
        });
        LabReport.page("performance", "Performance")
                .section("Cold start of the embedded topology (median of " + runs + " runs)")
                .barChart("Milliseconds", chart)
                .figures("Peak resident memory of everything the lab started", Map.of("peak RSS (MB)", median.get("peak_rss_mb")))
                .paragraph("Goal: both connectors RUNNING within " + GOAL.toSeconds() + " s of a cold start. "
                        + "Source: target/bench/startup.json (" + BenchOutput.COMMAND + ").")
                .write();
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    private static Map<String, Long> medians(List<Map<String, Object>> results) {
        Map<String, Long> medians = new LinkedHashMap<>();
        for (String key : results.get(0).keySet()) {
            if (!key.endsWith("_ms") && !key.endsWith("_mb")) {
                continue;
            }
            List<Long> values = results.stream().map(r -> ((Number) r.get(key)).longValue()).sorted().toList();
            medians.put(key, values.get(values.size() / 2));
        }
        return medians;
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> report, List<Map<String, Object>> results) {
        Map<String, Long> median = (Map<String, Long>) report.get("median");
        StringBuilder md = new StringBuilder("# Cold start of the embedded topology\n\n");
        md.append("Machine: ").append(report.get("machine")).append(", ").append(report.get("when")).append("\n\n");
        md.append("| figure | median | ").append(String.join(" | ", results.stream().map(r -> "run " + r.get("run")).toList()))
                .append(" |\n|---|---:|").append("---:|".repeat(results.size())).append('\n');
        for (String key : median.keySet()) {
            md.append("| ").append(key.replace('_', ' ')).append(" | ").append(median.get(key));
            results.forEach(r -> md.append(" | ").append(r.get(key)));
            md.append(" |\n");
        }
        long reached = median.get("topology_with_connectors_running_ms");
        md.append("\nGoal: the whole topology with both connectors RUNNING in ≤ ").append(GOAL.toSeconds())
                .append(" s. Median reached: ").append(String.format("%.1f s", reached / 1000.0))
                .append(reached <= GOAL.toMillis() ? " (met).\n" : " (missed by " + String.format("%.1f s", (reached - GOAL.toMillis()) / 1000.0) + ").\n");
        md.append("\nAll four services start in parallel; Connect's JVM is launched with Kafka and joins once the broker "
                + "answers, so connect (launch to ready) overlaps kafka and the total is about connect, not the sum. "
                + "cpu_* is the CPU time each child JVM used until both connectors were RUNNING (steadier than wall time "
                + "on a shared machine). Run 1 also pays for Spark's session (shared by later runs in the same JVM). "
                + "See docs/STARTUP-TUNING.md.\n");
        return md.toString();
    }
}
