package io.cdclab.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops, at JVM exit, whatever the lab started and has not stopped yet (child JVMs, the PostgreSQL postmaster,
 * temporary folders), so an interrupted test run leaves nothing behind. One shutdown hook for all of them.
 */
public final class ProcessReaper {
    private static final Set<Runnable> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::runAll, "cdc-lab-reaper"));
    }

    private ProcessReaper() {
    }

    /** Registers a clean-up action; returns a handle that unregisters it once the owner cleaned up itself. */
    public static Registration register(Runnable cleanup) {
        PENDING.add(cleanup);
        return () -> PENDING.remove(cleanup);
    }

    private static void runAll() {
        PENDING.forEach(ProcessReaper::runQuietly);
        PENDING.clear();
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("cdc-lab: clean-up at exit failed: " + e);
        }
    }

    /** Undoes a {@link #register} once the owner has cleaned up on its own. */
    @FunctionalInterface
    public interface Registration {
        void unregister();
    }
}
