package io.cdclab.junit;

import io.cdclab.report.ScenarioFinding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The front page's line for a scenario that writes no section: the finding its test class declares. */
class ScenarioWatcherFindingTest {
    static final ScenarioFinding Z4 = ScenarioFinding.of("Z4", "declared on the class", "What Z4 found.");

    @Test
    void aTestMethod_findsTheFindingItsClassDeclaresForItsFirstScenarioId() {
        assertThat(ScenarioWatcher.declaredFinding(ScenarioWatcherFindingTest.class, "z4_something_happens"))
                .contains("What Z4 found.");
        assertThat(ScenarioWatcher.declaredFinding(ScenarioWatcherFindingTest.class, "z5_another")).isEmpty();
        assertThat(ScenarioWatcher.declaredFinding(ScenarioWatcherFindingTest.class, "noScenarioId")).isEmpty();
    }
}
