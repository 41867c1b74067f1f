package io.cdclab.bench;

import io.cdclab.backend.Backends;
import io.cdclab.report.ReportFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one benchmark's figures as {@code target/bench/<name>.json} and {@code <name>.md}, each with the machine
 * they came from and the command that reproduces them.
 */
final class BenchOutput {
    /** What runs the benchmarks, from the repository's root once the lab is installed (bench/pom.xml). */
    static final String COMMAND = "mvn -q -f bench/pom.xml compile exec:java";

    private BenchOutput() {
    }

    static Map<String, Object> envelope(String name, BenchSettings settings, Map<String, Object> machine, Object results) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", name);
        report.put("when", Instant.now().toString());
        report.put("machine", machine);
        report.put("command", command(name));
        report.put("backend", BenchBackend.name());
        report.put("settings", settings.asMap());
        report.put("results", results);
        return report;
    }

    static void write(Path dir, String name, Map<String, Object> report, String markdownBody) {
        ReportFiles.writeJson(dir.resolve(name + ".json"), report);
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) report.get("machine");
        String md = markdownBody + "\nMachine: " + Machine.oneLine(machine) + "; measured " + report.get("when")
                + " on the " + report.get("backend") + " backend.\n\nReproduce (from the repository's root, the lab "
                + "installed):\n\n```bash\n" + report.get("command") + "\n```\n";
        ReportFiles.writeText(dir.resolve(name + ".md"), md);
        System.out.println("wrote " + dir.resolve(name + ".json") + " and " + name + ".md");
    }

    /**
     * The Maven command (from the repository's root, the lab installed) with every -Dbench.* property this JVM was
     * given (bench/pom.xml passes them all), and -Dlab.backend when it is not the benchmarks' default.
     */
    static String command(String suite) {
        StringBuilder cmd = new StringBuilder(COMMAND + " -Dbench.suite=" + suite);
        String backend = System.getProperty(Backends.PROPERTY, "").trim();
        if (!backend.isEmpty() && !backend.equalsIgnoreCase(BenchBackend.DEFAULT)) {
            cmd.append(" -D").append(Backends.PROPERTY).append('=').append(backend);
        }
        new TreeMap<>(System.getProperties()).forEach((k, v) -> {
            String key = k.toString();
            String value = v.toString();
            if (key.startsWith("bench.") && !key.equals("bench.suite") && !key.equals("bench.runs") && !value.isBlank()) {
                cmd.append(" -D").append(key).append('=').append(value.contains(" ") || value.contains(";")
                        ? "'" + value + "'" : value);
            }
        });
        return cmd.toString();
    }
}
