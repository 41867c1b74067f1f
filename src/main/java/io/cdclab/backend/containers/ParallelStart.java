package io.cdclab.backend.containers;

import io.cdclab.errors.LabException;

import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the topology's containers along independent branches at once (e.g. PostgreSQL | S3 | Kafka then
 * Connect). When one branch fails, the others are told to start nothing more, the run waits until every branch
 * has ended (a container that was mid-start is then either up or gone), and only then removes every container:
 * removing while a branch still runs would miss the container it is creating.
 */
final class ParallelStart {
    private ParallelStart() {
    }

    /** Runs {@code branches}; on the first failure removes every container and rethrows that failure. */
    static void run(ContainersServices services, List<Runnable> branches) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(branches.size(), r -> {
            Thread t = new Thread(r, "containers-start-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        RuntimeException first = null;
        try {
            CompletionService<Void> done = new ExecutorCompletionService<>(pool);
            branches.forEach(branch -> done.submit(branch, null));
            for (int i = 0; i < branches.size(); i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = asRuntime(e.getCause());
                        services.abortStarts();
                    }
                }
            }
        } catch (InterruptedException e) {
            services.abortStarts();
            first = new LabException("Interrupted while starting the containers", e);
            awaitBranches(pool);
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdown();
        }
        if (first != null) {
            services.removeAll();
            throw first;
        }
    }

    /** After an interrupt: Docker calls cannot be interrupted, so let the branches end before removing. */
    private static void awaitBranches(ExecutorService pool) {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException again) {
            // interrupted twice: what is left is Testcontainers' Ryuk's to remove when the JVM ends
        }
    }

    private static RuntimeException asRuntime(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new LabException("The containers topology failed to start: " + cause, cause);
    }
}
