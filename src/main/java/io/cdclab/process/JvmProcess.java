package io.cdclab.process;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one server (Kafka broker, Connect worker, S3 server): its command line, environment and
 * log file. {@link #stop()} asks it to shut down (SIGTERM, so its own shutdown hooks run); {@link #kill()} ends it
 * at once (SIGKILL), as a crashed machine would. Output goes to a log file, which {@link #logTail} reads back for
 * error messages.
 */
public final class JvmProcess {
    private static final Logger LOG = LoggerFactory.getLogger(JvmProcess.class);
    private static final int DUMP_GRACE_SECONDS = 180;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Path workDir;
    private final ClassDataArchive classData;
    private final Path javaHome;
    private final LabSettings settings;
    // volatile: kill() reads it without the monitor, which a stop() waiting out its grace period holds
    private volatile Process process;
    private ProcessReaper.Registration reaper;

    private JvmProcess(Builder builder) {
        this.name = builder.name;
        this.logFile = builder.logFile;
        this.workDir = builder.workDir;
        this.environment = Map.copyOf(builder.environment);
        this.settings = builder.settings;
        // This JVM's own JDK is the JVM's fact, not a lab setting.
        this.javaHome = builder.javaHome == null ? Path.of(System.getProperty("java.home")) : builder.javaHome;
        // -Dlab.child.jvmFlags.<name>="..." comes last, so it overrides the lab's choice, e.g.
        // -XX:TieredStopAtLevel=4 gives a throughput run the optimising compiler back.
        builder.jvmArgs.addAll(settings.childJvmFlags(builder.name));
        this.classData = builder.classDataDir == null || !settings.classDataSharing() ? null
                : ClassDataArchive.forJvm(builder.classDataDir, builder.name, builder.jvmArgs, builder.classpath);
        List<String> cmd = new ArrayList<>();
        cmd.add(WatchdogAgentJar.agentOption(builder.logFile.getParent().getParent()));
        cmd.addAll(builder.jvmArgs);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, builder.classpath));
        cmd.add(builder.mainClass);
        cmd.addAll(builder.args);
        this.command = Collections.unmodifiableList(cmd);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the JVM with the environment it was built with, plus {@code extraEnvironment} (e.g. new AWS keys). */
    public synchronized void start(Map<String, String> extraEnvironment) {
        if (isAlive()) {
            return;
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
            List<String> fullCommand = new ArrayList<>();
            fullCommand.add(javaHome.resolve("bin").resolve("java").toString());
            if (classData != null) {
                fullCommand.addAll(classData.jvmOptions());
            }
            fullCommand.addAll(command);
            // Its own session: Ctrl-C in the lab's terminal reaches the lab only, which then stops servers in order.
            ProcessBuilder pb = new ProcessBuilder(OwnSession.wrap(fullCommand, settings))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            Map<String, String> env = pb.environment();
            // A child must not inherit the lab's own AWS variables by accident: it gets exactly what it is given.
            env.keySet().removeIf(key -> key.startsWith("AWS_"));
            env.putAll(environment);
            env.putAll(extraEnvironment);
            process = pb.start();
            reaper = ProcessReaper.register(this::kill);
            LOG.debug("{}: started pid {} (log {})", name, process.pid(), logFile);
        } catch (IOException e) {
            throw new LabException("Could not start the " + name + " JVM (" + javaHome + "): "
                    + e.getMessage(), e);
        }
    }

    public void start() {
        start(Map.of());
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " has not been started");
        }
        return process.pid();
    }

    /** Graceful stop: SIGTERM, then SIGKILL if it has not exited within {@code graceSeconds}. */
    public synchronized void stop(int graceSeconds) {
        if (process == null) {
            return;
        }
        boolean exitedByItself = false;
        boolean dumping = classData != null && classData.dumpsAtExit();
        // Writing a class data archive at exit takes tens of seconds on a busy 2-core machine.
        int grace = dumping ? Math.max(graceSeconds, DUMP_GRACE_SECONDS) : graceSeconds;
        try {
            if (process.isAlive()) {
                process.destroy();
                boolean exited = process.waitFor(grace, TimeUnit.SECONDS);
                // A kill() from another thread also ends the wait; SIGKILL (137) is not a clean exit.
                exitedByItself = exited && process.exitValue() != 137;
                if (!exited) {
                    if (dumping) {
                        classData.dumpTooSlow();
                    }
                    LOG.warn("{}: did not stop within {} s; killing it", name, grace);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            released(exitedByItself);
        }
    }

    /**
     * Hard stop, as {@code kill -9}: no shutdown hooks, no flushing. The signal goes out before taking the
     * monitor, so a hard stop (a second Ctrl-C, the reaper at exit) also ends a {@link #stop} that is waiting.
     */
    public void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        killed();
    }

    private synchronized void killed() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            released(false);
        }
    }

    private void released(boolean exitedByItself) {
        if (classData != null) {
            classData.jvmExited(exitedByItself);
        }
        if (reaper != null) {
            reaper.unregister();
            reaper = null;
        }
        process = null;
    }

    /** The last lines of the log, for error messages that show what the server said before it failed. */
    public String logTail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log written to " + logFile + ")";
            }
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + logFile + " unreadable: " + e.getMessage() + ")";
        }
    }

    /** A ready-check that fails at once, with the log's tail, when the process has already died. */
    public void requireAlive(String awaiting) {
        if (!isAlive()) {
            throw new ProcessExitedException(name + " exited while the lab was waiting for " + awaiting + ". Its log ("
                    + logFile + ") ends with:" + System.lineSeparator() + logTail(40));
        }
    }

    /** Describes the child JVM before it starts. */
    public static final class Builder {
        private final String name;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> classpath = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String mainClass;
        private Path logFile;
        private Path workDir;
        private Path classDataDir;
        private LabSettings settings;
        private Path javaHome;

        private Builder(String name) {
            this.name = name;
        }

        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        public Builder classpath(List<String> entries) {
            classpath.addAll(entries);
            return this;
        }

        public Builder jvmArgs(String... values) {
            jvmArgs.addAll(List.of(values));
            return this;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            environment.putAll(values);
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** Maps an AppCDS archive of this kind of JVM from {@code dir}, recording one on the first start. */
        public Builder classDataArchiveIn(Path dir) {
            this.classDataDir = dir;
            return this;
        }

        /** The run's settings: {@code -Dlab.child.jvmFlags.<name>}, {@code -Dlab.cds}, {@code -Dlab.noOwnSession}. */
        public Builder labSettings(LabSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Runs the child on another JDK than the lab's (a server that needs a newer Java). */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        public JvmProcess build() {
            if (mainClass == null || logFile == null || workDir == null || classpath.isEmpty() || settings == null) {
                throw new IllegalStateException(name + ": main class, classpath, log file, work dir and the lab's "
                        + "settings are required");
            }
            return new JvmProcess(this);
        }
    }
}
