package io.cdclab.topology;

/** Where a {@link Topology} runs: embedded servers, containers, real AWS, or an existing cluster. */
public interface Backend {

    /** e.g. "embedded"; what {@code -Dlab.backend} names. */
    String name();

    /** Starts every service of the topology and returns once all are ready. */
    RunningTopology start(Topology topology);

    /** How many Connect workers this backend can run as one cluster. */
    default int maxConnectWorkers() {
        return 1;
    }

    /** Why {@link #maxConnectWorkers()} is 1, for the error a two-worker topology gets. */
    default String whyOneConnectWorker() {
        return "it runs one Connect worker.";
    }
}
