package io.cdclab.bench;

import io.cdclab.connect.IcebergCoordinatorOffsets;
import io.cdclab.connect.SinkCoordinatorLocation;
import io.cdclab.faults.ConnectClusterWatch;
import io.cdclab.faults.CrashUnderLoad;
import io.cdclab.pipeline.Pipeline;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.verify.LakeInvariants;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code -Dbench.suite=recovery}: the fault scenarios F3 (worker kill -9, restarted), F4 (broker restart),
 * F5 (PostgreSQL restart) and F9 (the coordinator's worker of two killed) under the lab's default settings and
 * under the {@link RecoveryProfile}, one after the other in one run, so that the two sets of
 * times come from one machine state. Under the profile it also runs F3's loss guard both ways: the coordinator's
 * control consumer with {@code iceberg.kafka.auto.offset.reset=earliest} instead of the lab's seeded coordinator
 * offsets, and with neither guard. The suite's tests assert; this measures and reports (a lost row is a figure
 * here, not a failure).
 */
final class RecoveryBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryBenchmark.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /** As in the suite's F3: with 12 control partitions a restarted task most likely writes to an unread one. */
    private static final int CONTROL_PARTITIONS = 12;

    private RecoveryBenchmark() {
    }

    static List<Map<String, Object>> run() {
        List<Map<String, Object>> results = new ArrayList<>();
        for (SettingsProfile profile : List.of(SettingsProfile.DEFAULT, SettingsProfile.RECOVERY)) {
            try (RunningTopology lab = Topology.builder().kafkaPartitions(3).profile(profile).build()
                    .start(BenchBackend.fromSystemProperties())) {
                results.add(workerKilled(lab, "f3" + suffix(profile), "F3", Function.identity()));
                results.add(measure(lab, CrashUnderLoad.on(lab, "f4" + suffix(profile), "F4", "Kafka broker restarted")
                        .inject(p -> lab.service("kafka").restart()), "lab default: seeded coordinator offsets"));
                results.add(measure(lab, CrashUnderLoad.on(lab, "f5" + suffix(profile), "F5", "PostgreSQL restarted")
                        .inject(p -> lab.service("postgres").restart()), "lab default: seeded coordinator offsets"));
                if (profile == SettingsProfile.RECOVERY) {
                    results.add(workerKilled(lab, "f3e", "F3 earliest", b -> b.withoutCoordinatorOffsetSeeding()
                            .sinkConfig("iceberg.kafka.auto.offset.reset", "earliest")));
                    results.add(workerKilled(lab, "f3n", "F3 unguarded", b -> b.withoutCoordinatorOffsetSeeding()));
                }
            }
            try (RunningTopology lab = Topology.builder().kafkaPartitions(3).connectWorkers(2).profile(profile).build()
                    .start(BenchBackend.fromSystemProperties())) {
                results.add(coordinatorWorkerKilled(lab, "f9" + suffix(profile)));
            }
        }
        return results;
    }

    private static String suffix(SettingsProfile profile) {
        return profile == SettingsProfile.RECOVERY ? "r" : "d";
    }

    private static Map<String, Object> workerKilled(RunningTopology lab, String pipelineId, String id,
                                                    Function<Pipeline.Builder, Pipeline.Builder> guard) {
        String control = "iceberg-control-" + pipelineId;
        IcebergCoordinatorOffsets.createControlTopic(lab.kafkaBootstrapServers(), control, CONTROL_PARTITIONS);
        AtomicReference<Long> controlRecords = new AtomicReference<>(0L);
        Map<String, Object> r = measure(lab, CrashUnderLoad.on(lab, pipelineId, id, "Connect worker kill -9, then started again")
                .sinkTasks(2).pipeline(guard::apply)
                .inject(p -> {
                    // What a coordinator reading from the earliest offset re-reads at its start.
                    controlRecords.set(records(lab.kafkaBootstrapServers(), control));
                    lab.service("connect").kill();
                    lab.service("connect").start();
                }), id.equals("F3") ? "lab default: seeded coordinator offsets"
                : id.equals("F3 earliest") ? "iceberg.kafka.auto.offset.reset=earliest, no seeding" : "neither");
        r.put("control_topic_records_at_restart", controlRecords.get());
        return r;
    }

    private static Map<String, Object> coordinatorWorkerKilled(RunningTopology lab, String pipelineId) {
        AtomicReference<SinkCoordinatorLocation> before = new AtomicReference<>();
        AtomicReference<Long> rebalanceBackMs = new AtomicReference<>();
        AtomicReference<Long> workerStartMs = new AtomicReference<>();
        Map<String, Object> r = measure(lab, CrashUnderLoad.on(lab, pipelineId, "F9",
                        "Connect worker running the sink's coordinator kill -9, cluster of two").sinkTasks(2)
                .beforeFault(p -> {
                    ConnectClusterWatch cluster = new ConnectClusterWatch(lab, p, TIMEOUT);
                    cluster.awaitTasksOnBothWorkers();
                    before.set(cluster.awaitCoordinator());
                })
                .inject(p -> lab.faults().connectWorker(before.get().workerId()).kill())
                .afterRecovery(p -> {
                    ConnectClusterWatch cluster = new ConnectClusterWatch(lab, p, TIMEOUT);
                    cluster.awaitCoordinatorOff(before.get().workerId());
                    long start = System.nanoTime();
                    lab.faults().connectWorker(before.get().workerId()).start();
                    workerStartMs.set((System.nanoTime() - start) / 1_000_000);
                    long ready = System.nanoTime();
                    cluster.awaitTasksOnBothWorkers();
                    rebalanceBackMs.set((System.nanoTime() - ready) / 1_000_000);
                }), "lab default: seeded coordinator offsets");
        r.put("killed_worker_start_ms", workerStartMs.get());
        r.put("rebalance_back_after_ready_ms", rebalanceBackMs.get());
        return r;
    }

    private static Map<String, Object> measure(RunningTopology lab, CrashUnderLoad fault, String lossGuard) {
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Object> r = new LinkedHashMap<>();
        try {
            CrashUnderLoad.Result result = fault.timeout(TIMEOUT).drainTimeout(Duration.ofSeconds(60)).run();
            var o = result.outcome();
            r.put("id", o.id());
            r.put("profile", result.profile());
            r.put("loss_guard", lossGuard);
            r.put("recover_ms", o.timeToRecover().toMillis());
            r.put("detect_ms", o.timeToDetect().map(Duration::toMillis).orElse(null));
            r.put("restarts", o.restartsNeeded());
            r.put("rows_lost", o.rowsMissingMaterialised());
            r.put("rows_extra_or_differing", o.rowsExtraMaterialised() + o.rowsDifferingMaterialised());
            r.put("raw_duplicate_events", o.rawDuplicateEvents());
            r.put("raw_inserts_missing", o.rawMissingInserts());
            r.put("transactions", o.committedTransactions());
            LakeInvariants.Result invariants = result.invariants();
            r.put("invariants_hold", invariants.holds());
            r.put("invariant_violations", invariants.violations().stream().map(Object::toString).toList());
        } catch (RuntimeException e) {
            // A fault that never recovered within the timeout is a figure too.
            LOG.error("recovery benchmark: {} failed", lab.topology(), e);
            r.put("profile", lab.topology().profile().label());
            r.put("loss_guard", lossGuard);
            r.put("error", String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
        }
        r.put("load_average_before", loadBefore);
        r.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        LOG.info("recovery benchmark: {}", r);
        return r;
    }


    /** Records in {@code topic} (end offsets summed; transaction markers included). */
    private static long records(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> ends = IntStream.range(0, CONTROL_PARTITIONS).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }
}
