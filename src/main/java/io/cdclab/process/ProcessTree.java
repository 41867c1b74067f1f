package io.cdclab.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process facts that {@link ProcessHandle} does not give. */
public final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Whether {@code pid} is a running process. A process that exited but was not reaped (a zombie, e.g. a
     * daemonised postmaster whose new parent does not reap) counts as gone: it holds no port and no memory.
     */
    public static boolean isRunning(long pid) {
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("State:")) {
                    return !line.contains("Z");
                }
            }
        } catch (IOException e) {
            return false; // /proc entry gone: the process is gone
        }
        return true;
    }

    /** The session id of {@code pid} (field 6 of {@code /proc/<pid>/stat}), or -1 where there is no /proc. */
    static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its ')'
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(after[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
