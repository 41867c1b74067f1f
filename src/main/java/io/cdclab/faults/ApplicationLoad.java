package io.cdclab.faults;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every application write load of the lab does around its transactions ({@link WriteLoad}, the soak's
 * workload): clients on daemon threads, each running a transaction at a fixed rate; a transaction that fails
 * (PostgreSQL down) is counted and skipped, as an application sees the error and moves on, so PostgreSQL stays the
 * truth the lake is compared with. A subclass says what one transaction writes and starts its clients with
 * {@link #schedule} once its own fields are set.
 */
public abstract class ApplicationLoad implements AutoCloseable {
    private final Logger log = LoggerFactory.getLogger(getClass()); // the load's own name in the log
    private final String name;
    private final ScheduledExecutorService clients;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastError = "";

    /** {@code name} (e.g. "write load on public.f3_events") starts the closing log line. */
    protected ApplicationLoad(String name, String threadName, int clients) {
        this.name = name;
        this.clients = Executors.newScheduledThreadPool(clients, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code transaction} every {@code interval}, the first time after {@code delayMillis}. */
    protected final void schedule(Runnable transaction, long delayMillis, Duration interval) {
        clients.scheduleAtFixedRate(() -> run(transaction), delayMillis, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run(Runnable transaction) {
        try {
            transaction.run();
            committed.incrementAndGet();
        } catch (RuntimeException e) {
            // e.g. PostgreSQL restarting: the application sees the error, the transaction is simply not written.
            failed.incrementAndGet();
            lastError = e.getMessage();
        }
    }

    /** Stops every client and waits for running transactions to finish. Safe to call twice. */
    public void stop() {
        clients.shutdown();
        try {
            if (!clients.awaitTermination(30, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{}: {} transactions committed, {} failed", name, committed.get(), failed.get());
    }

    public long committedTransactions() {
        return committed.get();
    }

    /** Transactions that failed (the database was down or refused them). */
    public long failedTransactions() {
        return failed.get();
    }

    /** The newest failure's message ("" before the first). */
    public String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        stop();
    }
}
