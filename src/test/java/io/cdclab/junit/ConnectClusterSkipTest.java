package io.cdclab.junit;

import io.cdclab.backend.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A class that needs a Connect cluster (F9, S1) is reported skipped on the containers backend, naming why. */
class ConnectClusterSkipTest {
    private String saved;

    @CdcLab(connectWorkers = 2)
    static class ATwoWorkerClass {
    }

    @CdcLab
    static class AOneWorkerClass {
    }

    @Test
    void onContainers_aTwoWorkerClassIsSkippedNamingWhy_onEmbeddedItRuns() {
        saved = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, "containers");
        assertThat(LabExtension.whyTheClassCannotRun(ATwoWorkerClass.class)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("A Connect cluster of 2 workers skipped on the containers backend: ")
                .contains("one Connect container", "-Dlab.backend=embedded"));
        assertThat(LabExtension.whyTheClassCannotRun(AOneWorkerClass.class)).isEmpty();

        System.setProperty(Backends.PROPERTY, "embedded");
        assertThat(LabExtension.whyTheClassCannotRun(ATwoWorkerClass.class)).isEmpty();
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Backends.PROPERTY);
        } else {
            System.setProperty(Backends.PROPERTY, saved);
        }
    }
}
