package io.cdclab.bench;

import org.apache.iceberg.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the probe table's Iceberg snapshots and records, for each probe id, when this JVM first saw it (the
 * poll that found its snapshot) and the snapshot's own commit time (written by the sink). The difference between
 * the two is poll delay, not pipeline latency.
 */
final class ProbeVisibility implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeVisibility.class);

    record Seen(long observedEpochMillis, long snapshotEpochMillis, long snapshotId) {
    }

    private final IcebergTableWatch watch;
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    private volatile Long lastSnapshotId;
    private volatile RuntimeException failure;
    private volatile long polls;

    ProbeVisibility(IcebergTableWatch watch, long pollIntervalMillis) {
        this.watch = watch;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cdc-lab-bench-probe-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, pollIntervalMillis, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            polls++;
            if (!watch.refresh()) {
                return;
            }
            for (Snapshot snapshot : watch.snapshotsAfter(lastSnapshotId)) {
                long observed = System.currentTimeMillis();
                for (long id : watch.appendedValues(snapshot, "id")) {
                    seen.putIfAbsent(id, new Seen(observed, snapshot.timestampMillis(), snapshot.snapshotId()));
                }
                lastSnapshotId = snapshot.snapshotId();
            }
        } catch (RuntimeException e) {
            // Keep polling (a metadata file may be mid-write on a slow disk), but report the newest error at the end.
            failure = e;
            LOG.warn("probe poller: {}", e.toString());
        }
    }

    boolean isVisible(long id) {
        return seen.containsKey(id);
    }

    Seen seen(long id) {
        return seen.get(id);
    }

    int visibleCount() {
        return seen.size();
    }

    long polls() {
        return polls;
    }

    RuntimeException lastFailure() {
        return failure;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
