package io.cdclab.cli;

import io.cdclab.connect.ConnectClient;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Service;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stops a kept-running topology the way {@code docker compose down} stops a stack, dependents first, one line per
 * step with its time: sink connectors, source connectors, the Connect worker, then Kafka, S3 and PostgreSQL.
 * Connectors are stopped while the broker still answers, so the worker has nothing left to wind down; that, and
 * no exit-time reaper killing the broker underneath it, is what takes the worker's stop from 30 s to about two.
 * Kafka, S3 and PostgreSQL depend on nothing else once the worker is down, so, as compose does with independent
 * services, they stop side by side (their lines still in that order): the stop stays within 5 s on 2 busy cores.
 * On the external backend the servers are not the lab's: only what this run created is removed.
 */
final class StackStop {
    private static final List<String> SERVICE_ORDER = List.of("kafka", "s3", "postgres");
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
            Map<String, Service> services = new LinkedHashMap<>(lab.services());
            Service worker = services.remove("connect");
            if (worker != null) {
                step("connect", worker::stop);
            }
            sideBySide(services);
        }
        step("clean-up (" + lab.backend() + ")", lab::close);
        return total.elapsed();
    }

    private void step(String what, Runnable action) {
        print(what, timed(action));
    }

    private void sideBySide(Map<String, Service> services) {
        Map<String, CompletableFuture<Outcome>> stops = new LinkedHashMap<>();
        // A thread each: the common pool has one thread on 2 cores, which would stop them one after the other.
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, services.size()));
        try {
            for (String name : order(services)) {
                stops.put(name, CompletableFuture.supplyAsync(() -> timed(services.get(name)::stop), threads));
            }
            stops.forEach((name, outcome) -> print(name, outcome.join()));
        } finally {
            threads.shutdown();
        }
    }

    private static Outcome timed(Runnable action) {
        Timer timer = Timer.start();
        try {
            action.run();
            return new Outcome(timer.elapsed(), null);
        } catch (RuntimeException e) {
            return new Outcome(timer.elapsed(), e);
        }
    }

    private void print(String what, Outcome outcome) {
        double seconds = outcome.took().toMillis() / 1000.0;
        if (outcome.error() == null) {
            out.printf("  stopped %-36s %5.1f s%n", what, seconds);
        } else {
            out.printf("  %-44s FAILED after %.1f s: %s%n", what, seconds, outcome.error().getMessage());
        }
        out.flush();
    }

    private record Outcome(Duration took, RuntimeException error) {
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
