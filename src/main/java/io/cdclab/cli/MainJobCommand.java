package io.cdclab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The command line of the lab's JVM (the main job or the benchmarks), built from the properties Maven holds: every
 * {@code lab.*} and {@code bench.*} property is passed on as a {@code -D}, so whatever a test run honours
 * ({@code -Dlab.backend}, {@code -Paws}, {@code -Dlab.aws.bucket}, {@code -Dbench.changes}, ...) reaches the job
 * too, with no list to keep in step. The launcher's own inputs ({@code cdclab.launch.*}) stay behind.
 */
record MainJobCommand(List<String> command) {
    static final String PREFIX = "cdclab.launch.";
    /** The lab's JVM watches this pid and stops in order when it is gone (e.g. Maven killed with -9). */
    static final String PARENT_PID = "cdclab.parent.pid";
    /** Inputs of the launcher that are written as lab.* properties in the pom; not settings of the lab. */
    private static final Set<String> LAUNCH_INPUTS = Set.of("lab.args", "lab.main", "lab.jvm.flags");

    static MainJobCommand from(Map<String, String> properties, String classpath, long parentPid) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(properties.getOrDefault("java.home", System.getProperty("java.home")), "bin", "java").toString());
        cmd.addAll(words(properties.get(PREFIX + "jvmFlags")));
        new TreeMap<>(properties).forEach((key, value) -> {
            if ((key.startsWith("lab.") || key.startsWith("bench.")) && !LAUNCH_INPUTS.contains(key)) {
                cmd.add("-D" + key + "=" + value);
            }
        });
        cmd.add("-D" + PARENT_PID + "=" + parentPid);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(required(properties, PREFIX + "main"));
        cmd.addAll(words(properties.get(PREFIX + "args")));
        return new MainJobCommand(List.copyOf(cmd));
    }

    private static String required(Map<String, String> properties, String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + key + " is not set: the launcher is meant to be run by "
                    + "`mvn -q compile exec:java` (lab/pom.xml sets it).");
        }
        return value.trim();
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }
}
