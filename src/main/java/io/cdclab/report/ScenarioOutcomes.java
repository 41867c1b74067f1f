package io.cdclab.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How each scenario test ended (passed, failed, skipped), kept in {@code scenarios.json} beside the pages so the
 * index can show verdicts; a scenario's id (K1, F2r, ...) is the prefix of its test method's name.
 */
public final class ScenarioOutcomes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z][0-9]+[a-z]?");
    /** This run: the test JVM's start. Anything recorded before it comes from an earlier run. */
    static final long RUN_STARTED = ManagementFactory.getRuntimeMXBean().getStartTime();

    public enum Outcome { PASSED, FAILED, SKIPPED }

    /** One test's outcome; {@code at} is epoch millis, {@code runStarted} the run it belongs to. */
    public record Test(List<String> ids, String testClass, String method, Outcome outcome, String reason,
                       String backend, long at, long runStarted) {
    }

    private ScenarioOutcomes() {
    }

    /**
     * Scenario ids in a test method's name: the leading tokens that look like an id and share the first one's
     * letter ({@code f1_f2_...} is F1 and F2; {@code e1_c2_...} is E1 only: C2 run on E1's backend).
     */
    public static List<String> ids(String methodName) {
        List<String> ids = new ArrayList<>();
        for (String token : methodName.split("_")) {
            if (!ID.matcher(token).matches() || (!ids.isEmpty() && token.charAt(0) != ids.get(0).toLowerCase(Locale.ROOT).charAt(0))) {
                break;
            }
            ids.add(Character.toUpperCase(token.charAt(0)) + token.substring(1));
        }
        return ids;
    }

    /** Records a test's outcome (a test without a scenario id is ignored) and re-renders the index. */
    public static void record(String testClass, String method, Outcome outcome, String reason, String backend) {
        List<String> ids = ids(method);
        if (ids.isEmpty()) {
            return;
        }
        synchronized (ScenarioOutcomes.class) {
            Map<String, Test> all = load();
            all.put(testClass + "#" + method, new Test(ids, testClass, method, outcome, reason, backend,
                    System.currentTimeMillis(), RUN_STARTED));
            save(all);
        }
        // Outside this class's lock: the writer's lock is taken first when a page is written (no lock-order cycle).
        ReportWriter.writeIndex();
    }

    /** Drops one test's outcome; for the report's own tests. */
    static synchronized void forget(String testClass, String method) {
        Map<String, Test> all = load();
        if (all.remove(testClass + "#" + method) != null) {
            save(all);
        }
    }

    private static void save(Map<String, Test> all) {
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "scenarios", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new io.cdclab.topology.LabException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every recorded test, this run's and earlier runs' (the index marks those). */
    static synchronized Map<String, Test> load() {
        Path file = file();
        if (Files.exists(file)) {
            try {
                return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Test>>() { }));
            } catch (IOException e) {
                // written by an older lab, or damaged: start afresh rather than fail the test that records
            }
        }
        return new TreeMap<>();
    }

    private static Path file() {
        return LabReport.directory().resolve("scenarios.json");
    }
}
