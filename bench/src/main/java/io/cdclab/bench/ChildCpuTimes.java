package io.cdclab.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by the lab's child JVMs, by server, and by the lab's own JVM: unlike wall time, it hardly
 * moves when other work shares the machine, so it shows whether a start-up change saved work or only moved it.
 */
final class ChildCpuTimes {
    private static final Map<String, String> MAIN_CLASS_BY_SERVER = Map.of(
            "kafka", "kafka.Kafka", "connect", "org.apache.kafka.connect.cli.ConnectDistributed", "s3", "org.gaul.s3proxy.Main");

    private ChildCpuTimes() {
    }

    /** {@code cpu_<server>_ms} for each child JVM running now. */
    static Map<String, Long> figures() {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String server : MAIN_CLASS_BY_SERVER.keySet().stream().sorted().toList()) {
            figures.put("cpu_" + server + "_ms", 0L);
        }
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            String command = commandLine(child.pid());
            MAIN_CLASS_BY_SERVER.forEach((server, mainClass) -> {
                if (command.contains("\0" + mainClass + "\0")) {
                    child.info().totalCpuDuration().ifPresent(cpu -> figures.merge("cpu_" + server + "_ms", cpu.toMillis(), Long::sum));
                }
            });
        }
        return figures;
    }

    /** Read from /proc: ProcessHandle.Info leaves out the arguments of a command line as long as a JVM's. */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return ""; // ended meanwhile, or not Linux
        }
    }

    /** CPU time of this JVM so far (Spark's session, the lab's clients), or 0 where the JDK does not say. */
    static long labJvmMillis() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        return 0;
    }
}
