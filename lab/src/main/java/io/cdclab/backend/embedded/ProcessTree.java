package io.cdclab.backend.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process facts that {@link ProcessHandle} does not give. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Whether {@code pid} is a running process. A process that exited but was not reaped (a zombie, e.g. a
     * daemonised postmaster whose new parent does not reap) counts as gone: it holds no port and no memory.
     */
    static boolean isRunning(long pid) {
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
}
