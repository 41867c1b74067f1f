package io.cdclab.topology;

/**
 * One part of the pipeline with the life cycle every backend gives it: start (returning once it is ready),
 * stop (gracefully), kill (hard, as {@code kill -9} would) and restart. Stopping twice is harmless.
 */
public interface Service extends AutoCloseable {

    /** Short name for logs and reports, e.g. "postgres", "kafka", "connect". */
    String name();

    void start();

    void stop();

    /** Ends the service without a graceful shutdown, leaving its data behind for a restart. */
    default void kill() {
        stop();
    }

    default void restart() {
        stop();
        start();
    }

    boolean isRunning();

    @Override
    default void close() {
        stop();
    }
}
