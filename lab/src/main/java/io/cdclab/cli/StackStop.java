package io.cdclab.cli;

import io.cdclab.connect.ConnectClient;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stops a kept-running topology the way {@code docker compose down} stops a stack, dependents first, one line per
 * step with its time: sink connectors, source connectors, then the Connect worker, Kafka, S3 and PostgreSQL.
 * Connectors are stopped while the broker still answers, so the worker has nothing left to wind down; that, and
 * no exit-time reaper killing the broker underneath it, is what takes the worker's stop from 30 s to about one.
 * On the external backend the servers are not the lab's: only what this run created is removed.
 */
final class StackStop {
    private static final List<String> SERVICE_ORDER = List.of("connect", "kafka", "s3", "postgres");
    private static final Duration CONNECTOR_STOP = Duration.ofSeconds(10);

    private final RunningTopology lab;
    private final PrintStream out;

    StackStop(RunningTopology lab, PrintStream out) {
        this.lab = lab;
        this.out = out;
    }

    /** Stops everything; returns the total time. */
    Duration run() {
        Timer total = Timer.start();
        if (!"external".equals(lab.backend())) {
            ConnectClient connect = lab.connect();
            for (String connector : sinksFirst(connect)) {
                step(connector + (connector.endsWith("-sink") ? " (sink connector)" : " (connector)"),
                        () -> stopConnector(connect, connector));
            }
            Map<String, Service> services = lab.services();
            for (String name : order(services)) {
                step(name, services.get(name)::stop);
            }
        }
        step("clean-up (" + lab.backend() + ")", lab::close);
        return total.elapsed();
    }

    private void step(String what, Runnable action) {
        Timer timer = Timer.start();
        try {
            action.run();
            out.printf("  stopped %-36s %5.1f s%n", what, timer.millis() / 1000.0);
        } catch (RuntimeException e) {
            out.printf("  %-44s FAILED after %.1f s: %s%n", what, timer.millis() / 1000.0, e.getMessage());
        }
        out.flush();
    }

    private static void stopConnector(ConnectClient connect, String name) {
        connect.stop(name);
        Awaitility.await("connector " + name + " STOPPED").atMost(CONNECTOR_STOP).pollInterval(Duration.ofMillis(50))
                .until(() -> "STOPPED".equals(connect.status(name).state()));
    }

    private static List<String> sinksFirst(ConnectClient connect) {
        List<String> names = new ArrayList<>(connect.connectors());
        names.sort((a, b) -> Boolean.compare(!a.endsWith("-sink"), !b.endsWith("-sink")));
        return names;
    }

    private static List<String> order(Map<String, Service> services) {
        List<String> names = new ArrayList<>();
        SERVICE_ORDER.stream().filter(services::containsKey).forEach(names::add);
        services.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }
}
