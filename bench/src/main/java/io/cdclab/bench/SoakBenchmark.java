package io.cdclab.bench;

import io.cdclab.errors.LabException;
import io.cdclab.faults.soak.SoakResult;
import io.cdclab.faults.soak.SoakRun;
import io.cdclab.faults.soak.SoakSettings;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S1 as a benchmark ({@code -Dbench.suite=soak -Dbench.soak.duration=30m [-Dbench.soak.seed=N]}): a topology of its
 * own, the soak, and {@code target/bench/soak.{json,md}}; {@code -Dlab.profile=exactly-once} runs it under
 * Connect's exactly-once source support, and the JSON says which. A failed check still writes both files, then fails the
 * suite with the seed to replay.
 */
final class SoakBenchmark {
    private SoakBenchmark() {
    }

    static void run(Path dir, BenchSettings bench, Map<String, Object> machine) {
        SoakSettings settings = SoakSettings.fromSystemProperties();
        // Two workers, so that a worker can leave the cluster; the recovery profile, as production should run.
        Topology topology = Topology.builder().kafkaPartitions(3).connectWorkers(2)
                .profile(SettingsProfile.RECOVERY).build();
        SoakResult result;
        try (RunningTopology lab = topology.start(BenchBackend.fromSystemProperties())) {
            result = new SoakRun(lab, settings).run();
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("soak_settings", settings.asMap());
        results.put("exactly_once", topology.exactlyOnce());
        results.putAll(result.asMap());
        BenchOutput.write(dir, "soak", BenchOutput.envelope("soak", bench, machine, results), result.markdown());
        if (!result.passed()) {
            throw new LabException(result.failures());
        }
    }
}
