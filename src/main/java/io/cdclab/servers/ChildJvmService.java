package io.cdclab.servers;

import io.cdclab.process.JvmProcess;
import io.cdclab.topology.Service;

/**
 * The life cycle every server the lab runs as a child JVM shares once it is launched (the Kafka broker, the Connect
 * worker, S3Proxy): a graceful stop with the server's own grace period, a hard kill, and whether it runs. Each
 * server keeps its own start and ready check.
 */
abstract class ChildJvmService implements Service {
    private final int stopGraceSeconds;
    /** The running process, set by the subclass's start; guarded by {@code this}. */
    protected JvmProcess process;

    protected ChildJvmService(int stopGraceSeconds) {
        this.stopGraceSeconds = stopGraceSeconds;
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
