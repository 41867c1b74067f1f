package io.cdclab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the resident memory of this JVM and everything it started (child JVMs, and PostgreSQL, which pg_ctl
 * daemonises: its processes are found by their data directory on the command line) from {@code /proc}, and keeps
 * the peak of the sum. Linux only; elsewhere it reports 0.
 */
public final class ProcessMemorySampler implements AutoCloseable {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cdc-lab-memory-sampler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong peakBytes = new AtomicLong();
    private final String postgresMarker;

    /** @param postgresMarker a string on the command line of the lab's postgres processes (e.g. the run folder) */
    public ProcessMemorySampler(String postgresMarker) {
        this.postgresMarker = postgresMarker;
        scheduler.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    public long peakBytes() {
        sample();
        return peakBytes.get();
    }

    private void sample() {
        long total = rss(ProcessHandle.current().pid());
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            total += rss(child.pid());
        }
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            String cmd = p.info().commandLine().orElse("");
            if (postgresMarker != null && cmd.contains("postgres") && cmd.contains(postgresMarker)
                    && p.parent().map(parent -> parent.pid() != ProcessHandle.current().pid()).orElse(true)) {
                total += rss(p.pid());
                total += p.descendants().mapToLong(d -> rss(d.pid())).sum();
            }
        }
        peakBytes.accumulateAndGet(total, Math::max);
    }

    static long rss(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between listing and reading, or this is not Linux
        }
        return 0;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
