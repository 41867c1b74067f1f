package io.cdclab.topology;

/** Where a {@link Topology} runs: embedded servers, containers, real AWS, or an existing cluster. */
public interface Backend {

    /** e.g. "embedded"; what {@code -Dlab.backend} names. */
    String name();

    /** Starts every service of the topology and returns once all are ready. */
    RunningTopology start(Topology topology);
}
