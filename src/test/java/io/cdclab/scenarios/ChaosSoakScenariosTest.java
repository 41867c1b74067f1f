package io.cdclab.scenarios;

import io.cdclab.junit.CdcLab;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
import org.junit.jupiter.api.Test;

/**
 * S1's short version: a pgbench-style load of two clients on four tables while five faults from a fixed seed come
 * one after another, from the pipeline's first seconds on, on a cluster of two Connect workers with the recovery
 * profile (the benchmark suite {@code -Dbench.suite=soak} runs the long one). Every keyed table must reconcile row
 * by row, the keyless one by count, and F8 must hold. {@link ChaosSoakExactlyOnceScenariosTest} is the same soak
 * under exactly-once delivery.
 */
@CdcLab(kafkaPartitions = 3, connectWorkers = 2, profile = SettingsProfile.RECOVERY)
class ChaosSoakScenariosTest {
    static final ScenarioFinding S1 = ScenarioFinding.of("S1", "chaos under load (short version)", """
            Under worker kills, broker and PostgreSQL restarts and crashes, key rotation and sink restarts on a seeded
            schedule, keyed tables come out whole; a keyless table takes duplicates under at-least-once delivery.""");

    @Test
    void s1_shortSoak_fiveFaultsUnderLoad_everyKeyedTableReconciles_keylessCountMatches_f8Holds(RunningTopology lab) {
        ShortSoak.runAndReport(lab, "");
    }
}
