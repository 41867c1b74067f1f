package io.cdclab.servers;

import io.cdclab.process.JvmProcess;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.topology.Service;

import java.nio.file.Path;

/**
 * The life cycle every server the lab runs as a child JVM shares once it is launched (the Kafka broker, the Connect
 * worker, S3Proxy): a graceful stop with the server's own grace period, a hard kill, and whether it runs. Each
 * server keeps its own start and ready check. Each also has its name, the runtimes it starts from, and its own
 * files in the run folder: {@code config/<files>/} and {@code logs/<files>.log}.
 */
abstract class ChildJvmService implements Service {
    private final String name;
    private final int stopGraceSeconds;
    protected final RuntimeLayout layout;
    protected final Path configDir;
    protected final Path logFile;
    /** The running process, set by the subclass's start; guarded by {@code this}. */
    protected JvmProcess process;

    /** {@code files} names the server's config folder and log: often its name, "s3proxy" for the service "s3". */
    protected ChildJvmService(String name, String files, int stopGraceSeconds, RuntimeLayout layout, Path runDir) {
        this.name = name;
        this.stopGraceSeconds = stopGraceSeconds;
        this.layout = layout;
        this.configDir = runDir.resolve("config").resolve(files);
        this.logFile = runDir.resolve("logs").resolve(files + ".log");
    }

    @Override
    public final String name() {
        return name;
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
