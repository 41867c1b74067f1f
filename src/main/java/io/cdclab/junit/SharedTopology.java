package io.cdclab.junit;

import io.cdclab.topology.RunningTopology;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The one topology that {@link CdcLab#shared() shared} classes hand on to each other, held in the test run's root
 * store so that JUnit closes it at the end of the run. At most one topology runs at a time: a class with other
 * settings (or an unshared class) stops the shared one before it starts its own.
 */
final class SharedTopology implements ExtensionContext.Store.CloseableResource {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTopology.class);

    private CdcLab settings;
    private RunningTopology running;
    private String lastClass;

    /** The shared topology for {@code testClass}: the one left by the class before, cleared, or a new one. */
    synchronized RunningTopology takeOver(Class<?> testClass, CdcLab classSettings, Supplier<RunningTopology> start) {
        if (running != null && classSettings.equals(settings)) {
            clearFor(testClass);
        } else {
            close();
            running = start.get();
            settings = classSettings;
        }
        lastClass = testClass.getSimpleName();
        return running;
    }

    /** Called before an unshared class starts its own topology: two running at once would halve both on 2 cores. */
    synchronized void stopBefore(Class<?> testClass) {
        if (running != null) {
            LOG.info("shared topology of {} stopped: {} starts its own", lastClass, testClass.getSimpleName());
            close();
        }
    }

    /** What the class before left: its connectors (its tables, topics and Iceberg namespaces are its own). */
    private void clearFor(Class<?> testClass) {
        List<String> left = running.connect().connectors();
        left.forEach(running.connect()::delete);
        LOG.info("shared topology: {} takes over from {} ({} connector(s) it left deleted)", testClass.getSimpleName(),
                lastClass, left.size());
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            RunningTopology stopping = running;
            running = null;
            settings = null;
            stopping.close();
        }
    }
}
