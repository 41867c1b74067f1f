package io.cdclab.junit;

import io.cdclab.backend.Backends;
import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A class that needs a Connect cluster (F9, S1) is reported skipped on the containers backend, naming why. */
class ConnectClusterSkipTest {

    @CdcLab(connectWorkers = 2)
    static class ATwoWorkerClass {
    }

    @CdcLab
    static class AOneWorkerClass {
    }

    @Test
    void onContainers_aTwoWorkerClassIsSkippedNamingWhy_onEmbeddedItRuns() {
        LabSettings containers = LabSettings.none().with(Backends.PROPERTY, "containers");
        assertThat(LabExtension.whyTheClassCannotRun(ATwoWorkerClass.class, containers)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("A Connect cluster of 2 workers skipped on the containers backend: ")
                .contains("one Connect container", "-Dlab.backend=embedded"));
        assertThat(LabExtension.whyTheClassCannotRun(AOneWorkerClass.class, containers)).isEmpty();

        LabSettings embedded = LabSettings.none().with(Backends.PROPERTY, "embedded");
        assertThat(LabExtension.whyTheClassCannotRun(ATwoWorkerClass.class, embedded)).isEmpty();
    }
}
