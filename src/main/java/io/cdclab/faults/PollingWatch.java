package io.cdclab.faults;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The polling half of a {@link CatalogWatch}: a daemon thread that records each new location it reads. */
abstract class PollingWatch implements CatalogWatch {
    private final ScheduledExecutorService poller;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    PollingWatch(String table, Duration every) {
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cdc-lab-catalog-watch-" + table);
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The current location, or empty when the table does not exist; throws while the catalog is unreachable. */
    abstract Optional<String> read() throws Exception;

    /** Releases what {@link #read} holds, e.g. a connection broken by the outage. */
    void release() {
    }

    private void poll() {
        try {
            read().ifPresent(l -> {
                if (seen.isEmpty() || !seen.get(seen.size() - 1).location().equals(l)) {
                    seen.add(new Seen(System.currentTimeMillis(), l));
                }
            });
        } catch (Exception e) {
            // The catalog is down or refusing (the outage itself): poll again once it is back.
            release();
        }
    }

    @Override
    public List<Seen> history() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }
}
