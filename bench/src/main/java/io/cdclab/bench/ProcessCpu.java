package io.cdclab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds each part of the lab used, from {@code /proc/<pid>/stat} (Linux only; elsewhere empty): this JVM,
 * each child JVM by its main class, and PostgreSQL split into WAL senders (logical decoding) and other processes.
 * On two cores, the part that burns the most CPU during a run is the first suspect for the slowest stage.
 * A process that ends between two snapshots takes its CPU time with it.
 */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final String postgresMarker;

    /** @param postgresMarker a string on the postmaster's command line (the run folder), as ProcessMemorySampler uses */
    ProcessCpu(String postgresMarker) {
        this.postgresMarker = postgresMarker;
    }

    /** CPU ticks per process id, with each id's part of the lab. */
    Map<Long, Sample> sample() {
        Map<Long, Sample> samples = new HashMap<>();
        ProcessHandle self = ProcessHandle.current();
        add(samples, self, "bench JVM (Spark, pollers, clients)");
        self.descendants().forEach(p -> add(samples, p, childName(p)));
        ProcessHandle.allProcesses()
                .filter(p -> commandLine(p.pid()).contains("postgres") && commandLine(p.pid()).contains(postgresMarker))
                .forEach(postmaster -> {
                    add(samples, postmaster, "postgres (other)");
                    postmaster.descendants().forEach(p -> add(samples, p, postgresName(p)));
                });
        return samples;
    }

    /** Seconds of CPU per part between two samples, highest first. */
    static Map<String, Double> secondsBetween(Map<Long, Sample> before, Map<Long, Sample> after) {
        Map<String, Double> byPart = new TreeMap<>();
        after.forEach((pid, a) -> {
            Sample b = before.get(pid);
            long ticks = a.ticks() - (b == null ? 0 : b.ticks());
            byPart.merge(a.part(), ticks / TICKS_PER_SECOND, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byPart.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
        return sorted;
    }

    private static void add(Map<Long, Sample> samples, ProcessHandle p, String part) {
        long ticks = ticks(p.pid());
        if (ticks >= 0) {
            samples.putIfAbsent(p.pid(), new Sample(part, ticks));
        }
    }

    /**
     * The command line from {@code /proc/<pid>/cmdline}: ProcessHandle.Info leaves it empty for the child JVMs
     * (very long class paths) and for PostgreSQL processes, which rewrite their title ("postgres: walsender ...").
     */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ').trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String childName(ProcessHandle p) {
        String cmd = commandLine(p.pid());
        if (cmd.contains("ConnectDistributed")) {
            return "connect worker (Debezium + Iceberg sink)";
        } else if (cmd.contains("kafka.Kafka")) {
            return "kafka broker";
        } else if (cmd.contains("apicurio")) {
            return "schema registry (Apicurio)";
        } else if (cmd.contains("s3proxy")) {
            return "s3proxy";
        } else if (cmd.contains("postgres")) {
            return postgresName(p);
        }
        return "other child process";
    }

    private static String postgresName(ProcessHandle p) {
        String cmd = commandLine(p.pid());
        if (cmd.contains("walsender")) {
            return "postgres WAL senders (logical decoding)";
        } else if (cmd.startsWith("postgres: ") && !cmd.contains("writer") && !cmd.contains("checkpointer")
                && !cmd.contains("launcher") && !cmd.contains("logger") && !cmd.contains("stats")) {
            return "postgres backends (SQL sessions)";
        }
        return "postgres (other)";
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        } catch (IOException | RuntimeException e) {
            return -1; // ended meanwhile, or not Linux
        }
    }

    record Sample(String part, long ticks) {
    }
}
