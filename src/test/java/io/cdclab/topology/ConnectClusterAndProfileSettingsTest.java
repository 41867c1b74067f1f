package io.cdclab.topology;

import io.cdclab.backend.containers.ContainersBackend;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two topology options of F9 and the recovery profile: what they accept, and what a wrong value is told. */
class ConnectClusterAndProfileSettingsTest {

    @Test
    void aSecondWorkerOnABackendWithOneSaysWhyAndWhereItRuns() {
        Topology twoWorkers = Topology.builder().connectWorkers(2).build();
        // Refused before the backend starts anything: no Docker engine is needed to see it.
        assertThatThrownBy(() -> twoWorkers.start(new ContainersBackend()))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("connectWorkers=2 cannot run on the containers backend")
                .hasMessageContaining("starts one Connect container")
                .hasMessageContaining("-Dlab.backend=embedded");
    }

    @Test
    void workerCountOutsideOneOrTwoIsRefused() {
        assertThatThrownBy(() -> Topology.builder().connectWorkers(3)).isInstanceOf(LabException.class)
                .hasMessageContaining("connectWorkers must be 1 or 2, was 3");
    }

    @Test
    void profileComesFromTheSwitchOrTheProperty() {
        assertThat(Topology.builder().labSettings(LabSettings.none()).profile(SettingsProfile.RECOVERY).build().profile())
                .isEqualTo(SettingsProfile.RECOVERY);
        assertThat(withProfile("recovery").build().profile()).isEqualTo(SettingsProfile.RECOVERY);
        assertThat(withProfile("fast").build().profile()).as("fast is a pipeline's profile, not the topology's")
                .isEqualTo(SettingsProfile.DEFAULT);
        assertThat(withProfile("fast,recovery").build().profile()).isEqualTo(SettingsProfile.RECOVERY);
        assertThatThrownBy(() -> withProfile("rcovery").build()).isInstanceOf(LabException.class)
                .hasMessageContaining("'rcovery'").hasMessageContaining("recovery (");
    }

    @Test
    void exactlyOnce_comesFromTheSwitchOrTheProperty_andCombinesWithRecovery() {
        assertThat(Topology.builder().labSettings(LabSettings.none()).build().exactlyOnce()).isFalse();
        assertThat(Topology.builder().labSettings(LabSettings.none()).exactlyOnce(true).build().exactlyOnce()).isTrue();
        Topology both = withProfile("recovery,exactly-once").build();
        assertThat(both.exactlyOnce()).isTrue();
        assertThat(both.profile()).isEqualTo(SettingsProfile.RECOVERY);
        assertThat(both.toString()).contains("exactly-once");
        // What a team copies into its own configs: the worker's half and Debezium's half.
        assertThat(ExactlyOnceProfile.workerSettings()).containsEntry("exactly.once.source.support", "enabled")
                .containsEntry("consumer.isolation.level", "read_committed");
        assertThat(ExactlyOnceProfile.sourceSettings()).containsEntry("exactly.once.support", "required");
    }

    @Test
    void theProfileSetsTheSinksOwnConsumerSessionNotOnlyTheWorkers() {
        // The coordinator's control consumer reads iceberg.kafka.*, never the worker's consumer.* settings.
        assertThat(RecoveryProfile.sinkSettings()).containsEntry("iceberg.kafka.session.timeout.ms", "6000");
        assertThat(RecoveryProfile.workerSettings()).containsEntry("scheduled.rebalance.max.delay.ms", "0");
        assertThat(RecoveryProfile.sourceSettings()).containsKey("retriable.restart.connector.wait.ms");
    }

    /** A topology whose run was started with {@code -Dlab.profile=<names>}. */
    private static Topology.Builder withProfile(String names) {
        return Topology.builder().labSettings(LabSettings.none().with(SettingsProfile.PROPERTY, names));
    }
}
