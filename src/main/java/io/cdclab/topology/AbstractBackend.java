package io.cdclab.topology;

/**
 * A backend whose name and whose reason for running one Connect worker are fixed sentences, not computed: it hands
 * them to this base once instead of spelling out the two getters. How it starts a topology is its own.
 */
public abstract class AbstractBackend implements Backend {
    private final String name;
    private final String whyOneConnectWorker;

    /**
     * @param name                what {@code -Dlab.backend} names
     * @param whyOneConnectWorker a sentence that ends the error a two-worker topology gets
     */
    protected AbstractBackend(String name, String whyOneConnectWorker) {
        this.name = name;
        this.whyOneConnectWorker = whyOneConnectWorker;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String whyOneConnectWorker() {
        return whyOneConnectWorker;
    }
}
