package io.cdclab.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cdclab.errors.LabException;
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
 * index can show verdicts; a scenario's id (K1, F2r, ...) is the prefix of its test method's name. One record per
 * test and backend: CI runs the containers backend, then the embedded one, into the same report, and the index
 * keeps both runs' verdicts.
 */
public final class ScenarioOutcomes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[a-z][0-9]+[a-z]?");
    /** This run: the test JVM's start. Anything recorded before it comes from an earlier run. */
    static final long RUN_STARTED = ManagementFactory.getRuntimeMXBean().getStartTime();

    public enum Outcome { PASSED, FAILED, SKIPPED }

    /** What {@link Test#images} holds for a backend without images (embedded, aws, external). */
    public static final String NO_IMAGES = "-";

    /**
     * One test's outcome on one backend; {@code images} is where the containers backend's images came from
     * (public, built), {@link #NO_IMAGES} for other backends; {@code at} is epoch millis, {@code runStarted} the
     * run it belongs to; {@code found} the finding its class declares for its scenario ({@link ScenarioFinding}),
     * or null.
     */
    public record Test(List<String> ids, String testClass, String method, Outcome outcome, String reason,
                       String backend, String images, long at, long runStarted, String found) {
        public Test {
            images = images == null || images.isBlank() ? NO_IMAGES : images; // recorded before images were
        }

        /** Where it ran, e.g. {@code containers (built)} or {@code embedded}. */
        public String ranOn() {
            return images.equals(NO_IMAGES) ? backend : backend + " (" + images + ")";
        }

        String key() {
            return keyOf(testClass, method, backend);
        }
    }

    private static String keyOf(String testClass, String method, String backend) {
        return testClass + "#" + method + "@" + backend;
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

    /**
     * Records a test's outcome on {@code backend} with {@code images} (a test without a scenario id is ignored),
     * replacing that test's earlier record on the same backend only, and re-renders the index.
     */
    public static void record(String testClass, String method, Outcome outcome, String reason, String backend,
                              String images) {
        record(testClass, method, outcome, reason, backend, images, null);
    }

    /** As above, with the finding the test's class declares for its scenario ({@code null} if none). */
    public static void record(String testClass, String method, Outcome outcome, String reason, String backend,
                              String images, String found) {
        List<String> ids = ids(method);
        if (ids.isEmpty()) {
            return;
        }
        synchronized (ScenarioOutcomes.class) {
            Map<String, Test> all = load();
            Test test = new Test(ids, testClass, method, outcome, reason, backend, images, System.currentTimeMillis(),
                    RUN_STARTED, found);
            all.put(test.key(), test);
            save(all);
        }
        // Outside this class's lock: the writer's lock is taken first when a page is written (no lock-order cycle).
        ReportWriter.writeIndex();
    }

    /** Drops one test's outcomes on every backend; for the report's own tests. */
    static synchronized void forget(String testClass, String method) {
        Map<String, Test> all = load();
        if (all.values().removeIf(t -> t.testClass().equals(testClass) && t.method().equals(method))) {
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
            throw new LabException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every recorded test, this run's and earlier runs' (the index marks those). */
    static synchronized Map<String, Test> load() {
        Path file = file();
        if (Files.exists(file)) {
            try {
                // Keyed afresh: records of an older lab were keyed without their backend.
                Map<String, Test> all = new TreeMap<>();
                JSON.readValue(file.toFile(), new TypeReference<Map<String, Test>>() { }).values()
                        .forEach(t -> all.put(t.key(), t));
                return all;
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
