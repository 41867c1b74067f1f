package io.cdclab.bench;

import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.util.LabHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark entry point: {@code mvn -q -f bench/pom.xml compile exec:java -Dbench.suite=latency,throughput,scaling}
 * from the repository's root, once the lab is installed ({@code mvn -q -DskipTests install}). The default suite is
 * {@code startup} (cold start, {@link StartupBenchmark}), as before. Every topology is started the way a team starts
 * one, {@code Topology.builder()...start(backend)}, on the backend {@link BenchBackend} takes from the lab's registry
 * ({@code -Dlab.backend}, embedded unless given). The pipeline suites share one topology and write
 * {@code target/bench/<suite>.json} and {@code .md} in the lab's checkout, and the report's "Benchmarks" page.
 * See docs/BENCHMARKS.md.
 */
public final class BenchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Path home = LabHome.locate(); // the lab's checkout: bench/pom.xml runs this JVM there (-Dlab.home)
        Path dir = home.resolve("target/bench");
        Map<String, Object> machine = Machine.describe();
        List<String> failed = new ArrayList<>();
        if (settings.runs("latency") || settings.runs("throughput") || settings.runs("scaling") || settings.runs("levers")) {
            Topology topology = Topology.builder().kafkaPartitions(settings.partitions())
                    .sinkCommitInterval(settings.commitInterval()).build();
            try (RunningTopology lab = topology.start(BenchBackend.fromSystemProperties())) {
                ProcessCpu cpu = new ProcessCpu(home.resolve("target/cdc-lab/runs").toString());
                ThroughputRun throughput = new ThroughputRun(lab, settings, cpu, dir);
                int[] sequence = {0};
                suite("latency", settings, failed, () -> {
                    Map<String, Object> r = LatencyBenchmark.run(lab, settings);
                    BenchOutput.write(dir, "latency", BenchOutput.envelope("latency", settings, machine, r), BenchMarkdown.latency(r));
                });
                suite("throughput", settings, failed, () -> {
                    ThroughputRun.Cell cell = new ThroughputRun.Cell(settings.changes(), settings.partitions(), settings.sinkTasks());
                    Map<String, Object> r = throughput.measure(cell, cell.label(++sequence[0]), !settings.jfr().equals("none"));
                    BenchOutput.write(dir, "throughput", BenchOutput.envelope("throughput", settings, machine, r),
                            BenchMarkdown.throughput(r));
                });
                suite("scaling", settings, failed, () -> {
                    List<Map<String, Object>> cells = new ArrayList<>();
                    for (long changes : settings.scalingChanges()) {
                        for (int partitions : settings.scalingPartitions()) {
                            for (int tasks : settings.scalingTasks()) {
                                ThroughputRun.Cell cell = new ThroughputRun.Cell(changes, partitions, tasks);
                                cells.add(throughput.measure(cell, cell.label(++sequence[0]), false));
                                // written after every cell: a long matrix that fails late keeps what it measured
                                BenchOutput.write(dir, "scaling", BenchOutput.envelope("scaling", settings, machine, cells),
                                        BenchMarkdown.scaling(cells));
                            }
                        }
                    }
                });
                suite("levers", settings, failed, () -> LeversBenchmark.run(lab, settings, cpu, dir, machine));
            }
            BenchReportPage.write(dir);
        } else if (settings.runs("report")) {
            BenchReportPage.write(dir); // only rebuilds the page from the JSON files there, starting nothing
        }
        // Its own topologies, two per settings profile (one worker for F3-F5, two for F9).
        suite("recovery", settings, failed, () -> {
            List<Map<String, Object>> r = RecoveryBenchmark.run();
            BenchOutput.write(dir, "recovery", BenchOutput.envelope("recovery", settings, machine, r),
                    BenchMarkdown.recovery(r));
        });
        suite("soak", settings, failed, () -> SoakBenchmark.run(dir, settings, machine)); // a topology of its own
        // last: it starts and stops topologies of its own; a failure counts in the exit code like the others'
        suite("startup", settings, failed, StartupBenchmark::run);
        System.exit(failed.isEmpty() ? 0 : 1); // Spark's non-daemon threads would keep the JVM alive
    }

    private static void suite(String name, BenchSettings settings, List<String> failed, Runnable body) {
        if (!settings.runs(name)) {
            return;
        }
        try {
            body.run();
        } catch (Exception e) { // Spark throws checked exceptions unchecked
            // The other suites still run on the same topology; the exit code says one failed.
            LOG.error("benchmark suite {} failed", name, e);
            failed.add(name);
        }
    }
}
