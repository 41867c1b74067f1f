package io.cdclab.faults.soak;

import io.cdclab.errors.LabException;
import io.cdclab.faults.FailedTaskRestarter;
import io.cdclab.lake.CurrentState;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.topology.RunningTopology;
import io.cdclab.util.Timer;
import io.cdclab.verify.LakeInvariants;
import io.cdclab.verify.Reconciler;
import io.cdclab.verify.Reconciliation;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * S1, chaos under load: the {@link SoakWorkload} runs while the {@link ChaosSchedule}'s faults come one after
 * another; after each, the operator's one rule (restart whatever is FAILED) runs until an order written after the
 * fault is in the lake, which is the fault's time to recover. At the end the load stops, the lake drains, and every
 * keyed table is reconciled row by row with PostgreSQL, the keyless one by count, and F8's invariants are checked.
 * Any failure names the seed and the schedule, so that the run can be replayed.
 */
public final class SoakRun {
    private static final Logger LOG = LoggerFactory.getLogger(SoakRun.class);

    private final RunningTopology lab;
    private final SoakSettings settings;

    public SoakRun(RunningTopology lab, SoakSettings settings) {
        this.lab = lab;
        this.settings = settings;
    }

    /** The fault kinds of {@code settings} this backend can inject, and why each other one is left out. */
    List<ChaosFault> availableKinds(List<String> leftOut) {
        List<ChaosFault> kinds = new ArrayList<>();
        for (ChaosFault kind : settings.kinds()) {
            Optional<String> why = kind.unavailableOn(lab);
            why.ifPresentOrElse(w -> leftOut.add(kind + ": " + w), () -> kinds.add(kind));
        }
        return kinds;
    }

    public SoakResult run() {
        List<String> leftOut = new ArrayList<>();
        List<ChaosFault> kinds = availableKinds(leftOut);
        ChaosSchedule schedule = ChaosSchedule.draw(settings.seed(), settings.duration(), kinds, settings.warmUp(),
                settings.minGap(), settings.maxGap());
        LOG.info("soak: {} clients, {}; replay with -Dbench.soak.seed={}", settings.clients(), schedule.describe(),
                settings.seed());
        String prefix = settings.prefix();
        List<String> tables = SoakWorkload.createTables(lab.source(), prefix);
        Pipeline pipeline = startPipeline(tables, kinds.contains(ChaosFault.CREDENTIAL_ROTATION));
        try {
            return runOn(pipeline, tables, schedule, leftOut);
        } catch (RuntimeException | AssertionError e) {
            throw new LabException("S1 soak failed (" + schedule.describe() + "; replay with -Dbench.soak.seed="
                    + settings.seed() + "): " + e.getMessage(), e);
        } finally {
            pipeline.delete();
        }
    }

    private Pipeline startPipeline(List<String> tables, boolean rotatesCredentials) {
        Pipeline.Builder builder = lab.pipeline(settings.prefix()).tables(tables.toArray(String[]::new));
        if (rotatesCredentials) {
            // F2r's set-up, the lab's recommendation: no keys in the sink config, the SDK's profile provider
            // re-reads the worker's credentials file, which the rotation rewrites.
            lab.faults().writeSharedCredentialsFile(lab.objectStore().credentials());
            builder.withoutSinkConfig("iceberg.catalog.s3.access-key-id")
                    .withoutSinkConfig("iceberg.catalog.s3.secret-access-key")
                    .withoutSinkConfig("iceberg.catalog.s3.session-token")
                    .sinkConfig("iceberg.catalog.client.credentials-provider",
                            "software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider")
                    .sinkConfig("iceberg.catalog.s3.retry.num-retries", "12")
                    .sinkConfig("iceberg.catalog.s3.retry.min-wait-ms", "500")
                    .sinkConfig("iceberg.catalog.s3.retry.max-wait-ms", "4000");
        }
        return builder.start();
    }

    private SoakResult runOn(Pipeline pipeline, List<String> tables, ChaosSchedule schedule, List<String> leftOut) {
        String orders = pipeline.icebergTable("public." + settings.prefix() + "_orders");
        List<String> connectors = List.of(pipeline.source().name(), pipeline.sink().name());
        ChaosFault.SoakPipeline names = new ChaosFault.SoakPipeline(pipeline.source().name(), pipeline.sink().name());
        List<SoakResult.Injected> injected = new ArrayList<>();
        // The lab's own reader opens its catalog now, while PostgreSQL is up: a Spark session whose first catalog
        // call met PostgreSQL's crash recovery (the first fault may come in the first seconds) took 20 s and more to
        // answer. The reader is the lab's, not the pipeline's; the pipeline meets every fault cold.
        lab.lake().rows("SHOW NAMESPACES IN " + lab.lake().catalog());
        SoakWorkload load = SoakWorkload.start(lab.source(), settings.prefix(), settings.clients(),
                settings.transactionInterval(), settings.seed());
        Timer soak;
        try {
            // The schedule counts from the pipeline's start, so a fault may come while the sink creates its tables
            // and makes its first commits. That once lost rows (a kill -9 rolled the JDBC catalog back: its
            // PostgreSQL acknowledged commits asynchronously); F11 found the cause and the lab commits durably now.
            soak = Timer.start();
            for (ChaosSchedule.Planned planned : schedule.faults()) {
                Duration wait = planned.at().minus(soak.elapsed());
                if (!wait.isNegative()) {
                    awaitQuietly(wait);
                }
                injected.add(inject(planned.fault(), names, connectors, orders, load, soak));
            }
            Duration rest = settings.duration().minus(soak.elapsed());
            if (!rest.isNegative()) {
                awaitQuietly(rest);
            }
        } finally {
            load.stop();
        }
        Duration loaded = soak.elapsed();
        // lab.lake(), never a kept reference: a credential rotation re-opens the lab's reader with the new key
        FailedTaskRestarter.awaitDelivered(lab.connect(), connectors, lab.lake(), orders, load.newestOrder(),
                settings.recoveryTimeout());

        List<SoakResult.TableCheck> checks = new ArrayList<>();
        for (String table : SoakWorkload.keyed(settings.prefix())) {
            checks.add(reconcileKeyed(pipeline, table));
        }
        checks.add(countKeyless(pipeline, SoakWorkload.keyless(settings.prefix())));
        List<LakeInvariants.Result> invariants = new ArrayList<>();
        for (String table : tables) {
            invariants.add(LakeInvariants.forPipeline(lab, pipeline, table).check());
        }
        return new SoakResult(schedule, leftOut, injected, loaded, load.committedTransactions(),
                load.failedTransactions(), checks, invariants);
    }

    private SoakResult.Injected inject(ChaosFault fault, ChaosFault.SoakPipeline names, List<String> connectors,
                                       String orders, SoakWorkload load, Timer soak) {
        Duration at = soak.elapsed();
        LOG.info("soak: {} at {} s: {}", fault, at.toSeconds(), fault.description());
        Timer sinceFault = Timer.start();
        Runnable afterRecovery = fault.inject(lab, names);
        // An order committed after the fault: the load may be failing right now (PostgreSQL down), so wait for it.
        long mark = load.newestOrder();
        try {
            Awaitility.await("an order committed after " + fault).atMost(settings.recoveryTimeout())
                    .pollInterval(Duration.ofMillis(100)).until(() -> load.newestOrder() > mark);
        } catch (ConditionTimeoutException e) {
            throw new LabException("After " + fault + " the load committed no order within "
                    + settings.recoveryTimeout().toSeconds() + " s; its last error: " + load.lastError(), e);
        }
        var outcome = FailedTaskRestarter.awaitDelivered(lab.connect(), connectors, lab.lake(), orders,
                load.newestOrder(), settings.recoveryTimeout());
        Duration recovered = sinceFault.elapsed();
        LOG.info("soak: {} recovered in {} ms with {} restart(s)", fault, recovered.toMillis(), outcome.restarts());
        afterRecovery.run();
        return new SoakResult.Injected(fault, at, recovered, outcome.restarts(), outcome.failures());
    }

    private SoakResult.TableCheck reconcileKeyed(Pipeline pipeline, String table) {
        String key = SoakWorkload.keyColumn(table);
        String lakeTable = pipeline.icebergTable(table);
        // The lake drains after the load stops: poll until the state matches or the time is up, then report it.
        Reconciliation[] last = new Reconciliation[1];
        try {
            Awaitility.await("the current state of " + lakeTable + " to match " + table)
                    .atMost(settings.recoveryTimeout()).pollInterval(Duration.ofSeconds(2)).until(() -> {
                        last[0] = Reconciler.compare(lab.source().query("SELECT * FROM " + table),
                                CurrentState.rows(lab.lake(), lakeTable, List.of(key)), List.of(key));
                        return last[0].matches();
                    });
        } catch (ConditionTimeoutException e) {
            LOG.warn("soak: {} does not match after {} s: {}", table, settings.recoveryTimeout().toSeconds(),
                    last[0] == null ? "never compared" : last[0].summary());
        }
        Reconciliation r = last[0];
        if (r == null) {
            throw new LabException("Could not compare " + table + " with " + lakeTable + " within "
                    + settings.recoveryTimeout().toSeconds() + " s");
        }
        long rawDuplicates = lab.lake().rows("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM "
                + lakeTable + " GROUP BY `" + key + "`, _cdc.offset HAVING count(*) > 1)").get(0).getLong(0);
        return new SoakResult.TableCheck(table, true, r.sourceRows(), r.lakeRows(), r.missing().size(),
                r.extra().size(), r.differing().size(), rawDuplicates, r.summary());
    }

    private SoakResult.TableCheck countKeyless(Pipeline pipeline, String table) {
        String lakeTable = pipeline.icebergTable(table);
        long source = ((Number) lab.source().query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
        long[] lake = {-1};
        try {
            Awaitility.await(lakeTable + " to hold as many rows as " + table).atMost(settings.recoveryTimeout())
                    .pollInterval(Duration.ofSeconds(2)).until(() -> {
                        lake[0] = lab.lake().rows("SELECT count(*) FROM " + lakeTable).get(0).getLong(0);
                        return lake[0] >= source;
                    });
        } catch (ConditionTimeoutException e) {
            LOG.warn("soak: {} holds {} rows, PostgreSQL {}", lakeTable, lake[0], source);
        }
        long missing = Math.max(0, source - lake[0]);
        long extra = Math.max(0, lake[0] - source); // insert-only: an extra row is an event appended twice
        return new SoakResult.TableCheck(table, false, source, lake[0], missing, extra, 0, extra,
                "count: PostgreSQL " + source + ", lake " + lake[0]);
    }

    /** Lets the load run for {@code d}: a wait for time itself, bounded, with nothing to poll. */
    private static void awaitQuietly(Duration d) {
        Instant until = Instant.now().plus(d);
        Awaitility.await("the soak's next step").atMost(d.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Instant.now().isBefore(until));
    }
}
