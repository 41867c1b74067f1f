package io.cdclab.servers;

import io.cdclab.process.JvmProcess;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.topology.Service;
import io.cdclab.util.Timer;

import java.nio.file.Path;
import java.util.List;

/**
 * The life cycle every server the lab runs as a child JVM shares (the Kafka broker, the Connect worker, S3Proxy):
 * a start that launches the JVM and then waits until the server is ready, a graceful stop with the server's own
 * grace period, a hard kill, and whether it runs. Each server writes its own config files, builds its own JVM and
 * has its own ready check. Each also has its name, the runtimes it starts from, and its own files in the run folder:
 * {@code config/<files>/} and {@code logs/<files>.log}.
 */
abstract class ChildJvmService implements Service {
    private final String name;
    private final String files;
    private final int stopGraceSeconds;
    protected final RuntimeLayout layout;
    protected final Path configDir;
    protected final Path logFile;
    /** The running process, set by {@link #launch()}; guarded by {@code this}. */
    protected JvmProcess process;
    /** When the running process was launched; guarded by {@code this}. */
    private Timer launchedAt;

    /** {@code files} names the server's config folder, log and JVM: often its name, "s3proxy" for the service "s3". */
    protected ChildJvmService(String name, String files, int stopGraceSeconds, RuntimeLayout layout, Path runDir) {
        this.name = name;
        this.files = files;
        this.stopGraceSeconds = stopGraceSeconds;
        this.layout = layout;
        this.configDir = runDir.resolve("config").resolve(files);
        this.logFile = runDir.resolve("logs").resolve(files + ".log");
    }

    @Override
    public final String name() {
        return name;
    }

    /** Launches the server's JVM unless it runs, then waits until the server is ready. */
    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        launch();
        awaitReady();
    }

    /** Starts the server's JVM without waiting for the server in it (nothing when it runs). */
    public synchronized void launch() {
        if (isRunning()) {
            return;
        }
        launchedAt = Timer.start();
        process = prepare().build();
        process.start();
    }

    /** Waits until the launched server is ready. */
    public void awaitReady() {
        JvmProcess launched;
        Timer timer;
        synchronized (this) {
            launched = process;
            timer = launchedAt;
        }
        if (launched == null) {
            throw new IllegalStateException(name + ": awaitReady() before launch()");
        }
        awaitReady(launched, timer);
    }

    /**
     * Checks that the server's ports are free, writes its config files and returns its JVM to start: {@link #jvm}
     * with the server's JVM and program arguments.
     */
    protected abstract JvmProcess.Builder prepare();

    /**
     * Waits until the server in {@code launched} is ready, or fails with the end of its log; {@code timer} runs since
     * the launch.
     */
    protected abstract void awaitReady(JvmProcess launched, Timer timer);

    /**
     * This server's JVM running {@code mainClass}, named after its files (for {@code -Dlab.child.jvmFlags.<files>}
     * and its class-data archive), in its config folder, writing its log, with the run's lab settings.
     */
    protected final JvmProcess.Builder jvm(String mainClass, List<String> classpath) {
        return JvmProcess.builder(files)
                .mainClass(mainClass)
                .classpath(classpath)
                .classDataArchiveIn(layout.classDataDir())
                .labSettings(layout.labSettings())
                .logFile(logFile)
                .workDir(configDir);
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.stop(stopGraceSeconds);
            process = null;
        }
    }

    @Override
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }
}
