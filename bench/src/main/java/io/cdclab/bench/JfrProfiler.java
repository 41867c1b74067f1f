package io.cdclab.bench;

import io.cdclab.errors.LabException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flight recordings around one measured phase: of the running Connect worker JVM (attached with {@code jcmd
 * <pid> JFR.start}, so the worker needs no extra start flags and the recording covers only the phase), and/or of
 * this JVM (the {@code jdk.jfr} API). Both use JDK's "profile" settings (execution samples every 10-20 ms).
 */
final class JfrProfiler implements AutoCloseable {
    private static final String RECORDING = "cdc-lab-bench";

    private final Path connectFile;
    private final Path benchFile;
    private final Long connectPid;
    private final Recording bench;

    private JfrProfiler(Path connectFile, Long connectPid, Path benchFile, Recording bench) {
        this.connectFile = connectFile;
        this.connectPid = connectPid;
        this.benchFile = benchFile;
        this.bench = bench;
    }

    /** Starts what {@code settings} asks for; files are named {@code <dir>/<label>-connect.jfr} and {@code -bench.jfr}. */
    static JfrProfiler start(BenchSettings settings, Path dir, String label) {
        Long pid = null;
        Path connectFile = dir.resolve(label + "-connect.jfr");
        Path benchFile = dir.resolve(label + "-bench.jfr");
        try {
            Files.createDirectories(dir);
            if (settings.profileConnect()) {
                pid = connectWorkerPid();
                jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile", "filename=" + connectFile);
            }
            Recording recording = null;
            if (settings.profileBench()) {
                recording = new Recording(Configuration.getConfiguration("profile"));
                recording.setName(RECORDING);
                recording.start();
            }
            return new JfrProfiler(connectFile, pid, benchFile, recording);
        } catch (IOException | ParseException e) {
            throw new LabException("Cannot start a JFR recording for " + label + ": " + e.getMessage(), e);
        }
    }

    /** Stops the recordings and returns the files written (none when profiling is off). */
    List<Path> stop() {
        List<Path> files = new ArrayList<>();
        try {
            if (connectPid != null) {
                jcmd(connectPid, "JFR.stop", "name=" + RECORDING);
                files.add(connectFile);
            }
            if (bench != null) {
                bench.stop();
                bench.dump(benchFile);
                bench.close();
                files.add(benchFile);
            }
        } catch (IOException e) {
            throw new LabException("Cannot stop a JFR recording: " + e.getMessage(), e);
        }
        return files;
    }

    @Override
    public void close() {
        if (bench != null) {
            bench.close();
        }
    }

    private static long connectWorkerPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> ProcessCpu.commandLine(p.pid()).contains("org.apache.kafka.connect.cli.ConnectDistributed"))
                .findFirst()
                .orElseThrow(() -> new LabException("-Dbench.jfr asks to profile the Connect worker, but no Connect worker "
                        + "JVM runs under this process (the embedded backend starts it as a child JVM)."))
                .pid();
    }

    private static void jcmd(long pid, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.contains("Could not")) {
                throw new LabException(String.join(" ", cmd) + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(String.join(" ", cmd) + " was interrupted", e);
        }
    }
}
