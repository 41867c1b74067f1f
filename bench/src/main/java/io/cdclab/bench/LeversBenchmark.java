package io.cdclab.bench;

import io.cdclab.topology.RunningTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -Dbench.suite=levers}: every cell of {@link LeverMatrix} on one running topology, one after the other,
 * then {@link LeversSummary} against the run's pgoutput ceiling. Writes {@code target/bench/levers.{json,md}} after
 * every cell, so a matrix that fails late keeps what it measured. A cell that fails is recorded with its error
 * and the matrix goes on.
 */
final class LeversBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(LeversBenchmark.class);

    private LeversBenchmark() {
    }

    static void run(RunningTopology lab, BenchSettings settings, ProcessCpu cpu, Path dir, Map<String, Object> machine) {
        LeverRun run = new LeverRun(lab, settings, cpu, dir);
        List<Map<String, Object>> cells = new ArrayList<>();
        List<Map<String, Object>> warmUps = new ArrayList<>();
        int sequence = 0;
        for (LeverMatrix.Cell cell : LeverMatrix.warmUps()) {
            warmUps.add(measured(run, cell, ++sequence, false));
        }
        for (LeverMatrix.Cell cell : LeverMatrix.select(settings.leversCells())) {
            cells.add(measured(run, cell, ++sequence, false));
            write(dir, settings, machine, cells, warmUps, null);
        }
        if (!settings.jfr().equals("none")) {
            write(dir, settings, machine, cells, warmUps, measured(run, LeverMatrix.profiled(), ++sequence, true));
        }
    }

    private static Map<String, Object> measured(LeverRun run, LeverMatrix.Cell cell, int sequence, boolean profile) {
        double loadBefore = loadAverage();
        Map<String, Object> figures;
        try {
            figures = run.measure(cell, sequence, profile);
        } catch (RuntimeException e) {
            LOG.error("levers cell {} failed", cell.name(), e);
            figures = new LinkedHashMap<>();
            figures.put("cell", cell.name());
            figures.put("lever", cell.lever());
            figures.put("description", cell.description());
            figures.put("error", e.getMessage());
        }
        figures.put("load_average_before", loadBefore);
        figures.put("load_average_after", loadAverage());
        return figures;
    }

    private static void write(Path dir, BenchSettings settings, Map<String, Object> machine, List<Map<String, Object>> cells,
                              List<Map<String, Object>> warmUps, Map<String, Object> underJfr) {
        Map<String, Object> results = LeversSummary.of(cells);
        results.put("warm_ups", warmUps);
        if (underJfr != null) {
            results.put("fast_under_jfr", underJfr);
        }
        BenchOutput.write(dir, "levers", BenchOutput.envelope("levers", settings, machine, results), LeversMarkdown.of(results));
    }

    private static double loadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }
}
