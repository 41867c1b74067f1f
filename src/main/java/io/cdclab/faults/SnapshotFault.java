package io.cdclab.faults;

import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One fault of a {@link SnapshotCrash}: injected once enough further snapshot records are in Kafka, then watched
 * until the snapshot is back where it was, so that each of several faults on one snapshot has figures of its own.
 */
public record SnapshotFault(String id, String fault, Consumer<Pipeline> inject) {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFault.class);

    /**
     * One fault's figures.
     *
     * @param inKafkaAtFault   records in the table's topic at the fault (every attempt's reads so far, and the load's)
     * @param attemptReads     records that arrived since the fault before (or the start): this attempt's reads
     * @param debeziumExported Debezium's newest "Exported N records" count before the fault, -1 if none was logged
     * @param completedAtFault "Snapshot completed" lines of the connector before the fault (0: in progress)
     * @param exportsAtFault   times Debezium had begun exporting the table at the fault
     * @param exportsAfter     the same once the snapshot went on after the fault (more: it started over)
     * @param beforeFault      from the fault before (or the pipeline's start) to this one
     * @param toResume         from the fault until the snapshot moved again: a new export, or more records in Kafka
     * @param toCatchUp        from the fault until Kafka held as many more records as the attempt had read: the
     *                         snapshot back where it was (at once, for one that went on)
     */
    public record Figures(String id, String fault, long inKafkaAtFault, long attemptReads, long debeziumExported,
                          long completedAtFault, long exportsAtFault, long exportsAfter, Duration beforeFault,
                          Optional<Duration> toResume, Duration toCatchUp, Optional<Duration> detected,
                          String firstSign, int restarts, List<String> failures) {

        /** Debezium began the table's export again after this fault. */
        public boolean startedOver() {
            return exportsAfter > exportsAtFault;
        }

        /** This attempt's records per second into Kafka, up to the fault. */
        public double kafkaRowsPerSecond() {
            return attemptReads / Math.max(0.001, beforeFault.toMillis() / 1000.0);
        }
    }

    /** What every fault of one run shares: the pipeline, its topic, the logs and counters that measure it. */
    record Run(RunningTopology lab, Pipeline pipeline, List<String> connectors, SnapshotLog log, TopicRecords records,
               String topic, FaultTimelineRecorder timeline, long share, Duration timeout, Timer sinceStart) {
    }

    /**
     * Waits (restarting whatever FAILED, on behalf of the fault before) until {@code run.share()} more records than
     * at the fault before are in Kafka, and the fault before has caught up, then injects this fault.
     */
    Injected injectAfter(Run run, Injected previous) {
        long from = previous == null ? 0 : previous.inKafka;
        long due = from + Math.max(run.share(), previous == null ? 0 : previous.attemptReads);
        Timer waited = Timer.start();
        LOG.info("{}: waiting for {} records in {} (restarting what FAILED)", id, due, run.topic());
        FailedTaskRestarter.Outcome restarted = FailedTaskRestarter.awaitUntil(run.lab().connect(), run.connectors(),
                due + " records in " + run.topic() + " before " + id, () -> {
                    if (previous != null) {
                        previous.watchRecovery();
                    }
                    return run.records().of(run.topic()) >= due;
                }, run.timeout());
        if (previous != null) {
            previous.restartedDuring(restarted);
            previous.settle(); // before this fault, whose own restart of the export must not count as the last one's
        }
        long inKafka = run.records().of(run.topic());
        LOG.info("{}: {} records in Kafka after {}; injecting: {}", id, inKafka, waited.seconds(), fault);
        Injected injected = new Injected(this, run, inKafka, inKafka - from, run.log().lastExportedCount(),
                run.log().snapshotsCompleted(), run.log().exportsStarted(),
                previous == null ? run.sinceStart() : previous.sinceFault);
        run.timeline().fault(id + ": " + fault);
        inject.accept(run.pipeline());
        run.timeline().action(id + ": done");
        LOG.info("{}: fault injected in {}", id, injected.sinceFault.seconds());
        return injected;
    }

    /** A fault after its injection: what it found, and how the snapshot recovered from it. */
    static final class Injected {
        private final SnapshotFault spec;
        private final Run run;
        private final long inKafka;
        private final long attemptReads;
        private final long exported;
        private final long completed;
        private final long exportsAtFault;
        private final Duration beforeFault;
        private final Timer sinceFault = Timer.start();
        private final HealthWatcher watcher;
        private final List<String> failures = new ArrayList<>();
        private int restarts;
        private Duration grewAt;
        private Duration newExportAt;
        private Duration caughtUpAt;
        private Figures settled;

        private Injected(SnapshotFault spec, Run run, long inKafka, long attemptReads, long exported, long completed,
                         long exportsAtFault, Timer sincePreviousFault) {
            this.spec = spec;
            this.run = run;
            this.inKafka = inKafka;
            this.attemptReads = attemptReads;
            this.exported = exported;
            this.completed = completed;
            this.exportsAtFault = exportsAtFault;
            this.beforeFault = sincePreviousFault.elapsed();
            this.watcher = HealthWatcher.start(run.lab().connect(), run.connectors());
        }

        /**
         * Notes when records first grew past the fault's count, when Debezium first began a new export, and when a
         * new export had read again what the fault threw away. Which of them is the recovery is known only once the
         * snapshot went on: leftovers of the old attempt may arrive before a new export starts.
         */
        void watchRecovery() {
            if (caughtUpAt != null) {
                return;
            }
            long now = run.records().of(run.topic());
            if (grewAt == null && now > inKafka) {
                grewAt = sinceFault.elapsed();
            }
            if (newExportAt == null && run.log().exportsStarted() > exportsAtFault) {
                newExportAt = sinceFault.elapsed();
            }
            if (newExportAt != null && now >= inKafka + attemptReads) {
                caughtUpAt = sinceFault.elapsed();
            }
        }

        void restartedDuring(FailedTaskRestarter.Outcome outcome) {
            restarts += outcome.restarts();
            failures.addAll(outcome.failures());
            for (int i = 0; i < outcome.restarts(); i++) {
                run.timeline().actionAt(outcome.restartedAtMillis().get(i), "restart of the FAILED "
                        + outcome.failures().get(i));
            }
        }

        Duration sinceFault() {
            return sinceFault.elapsed();
        }

        /** Fixes this fault's figures: the snapshot went on after it, and the next fault (or the end) is here. */
        void settle() {
            if (settled != null) {
                return;
            }
            watcher.close();
            watchRecovery();
            long exportsNow = run.log().exportsStarted();
            boolean startedOver = exportsNow > exportsAtFault;
            // Started over: moving again once the new export began, back once it re-read the attempt's reads.
            // Went on: both once records grew again.
            Optional<Duration> moving = Optional.ofNullable(startedOver ? newExportAt : grewAt);
            Duration back = startedOver ? caughtUpAt : grewAt;
            settled = new Figures(spec.id(), spec.fault(), inKafka, attemptReads, exported, completed, exportsAtFault,
                    exportsNow, beforeFault, moving, back != null ? back : sinceFault.elapsed(), watcher.timeToDetect(),
                    watcher.whatWasSeen().orElse("no status ever left RUNNING"), restarts, List.copyOf(failures));
        }

        Figures figures() {
            settle();
            return settled;
        }
    }
}
