package io.cdclab.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a figure came from: without it a benchmark number means little. */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("ram_gib", Math.round(totalMemoryBytes() / (1024.0 * 1024 * 1024)));
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("load_average_at_start", Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        return m;
    }

    static String oneLine(Map<String, Object> machine) {
        return machine.get("cores") + " cores, " + machine.get("ram_gib") + " GiB RAM, " + machine.get("java") + ", "
                + machine.get("os") + " (load average at start " + machine.get("load_average_at_start") + ")";
    }

    private static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
