package io.cdclab.scenarios;

import io.cdclab.settings.LabSettings;
import io.cdclab.backend.Backends;
import io.cdclab.backend.containers.ContainersBackend;
import io.cdclab.junit.CdcLab;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.topology.Backend;
import io.cdclab.topology.RunningTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * S1's short version on a backend that runs one Connect worker (the containers backend: one Connect container),
 * where {@link ChaosSoakScenariosTest}'s cluster of two is reported skipped: the same soak, seed and asserts, with
 * the faults one worker can meet (the coordinator's worker leaving needs a second one; {@code SoakRun} leaves it
 * out and says so). A backend that runs a Connect cluster (embedded) runs S1 there on two workers instead.
 */
@ExtendWith(ChaosSoakOneWorkerScenariosTest.OnlyWithoutAConnectCluster.class)
@CdcLab(kafkaPartitions = 3, profile = SettingsProfile.RECOVERY)
class ChaosSoakOneWorkerScenariosTest {
    @Test
    void s1_shortSoak_oneConnectWorker_faultsUnderLoad_everyKeyedTableReconciles_keylessCountMatches_f8Holds(
            RunningTopology lab) {
        ShortSoak.runAndReport(lab, ", one Connect worker, " + lab.backend() + " backend");
    }

    /** Runs the class only where the backend cannot run S1's two workers; elsewhere S1 runs there, not twice. */
    static final class OnlyWithoutAConnectCluster implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String name = Backends.name(LabSettings.fromSystemProperties());
            if (!name.equals("containers")) {
                return ConditionEvaluationResult.disabled("S1 on one Connect worker is for the containers backend; the "
                        + name + " backend runs S1 on two workers (ChaosSoakScenariosTest)");
            }
            Backend containers = new ContainersBackend();
            return containers.maxConnectWorkers() >= 2
                    ? ConditionEvaluationResult.disabled("the containers backend runs S1 on two workers (ChaosSoakScenariosTest)")
                    : ConditionEvaluationResult.enabled("the containers backend runs one Connect worker");
        }
    }
}
