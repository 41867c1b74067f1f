package io.cdclab.scenarios;

import io.cdclab.faults.soak.ChaosFault;
import io.cdclab.faults.soak.SoakResult;
import io.cdclab.faults.soak.SoakSettings;
import io.cdclab.junit.CdcLab;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.SettingsProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S1 under exactly-once: the short soak's seed and faults on a Connect cluster with exactly-once source support
 * (KIP-618), required by Debezium, and read_committed sink consumers ({@link io.cdclab.topology.ExactlyOnceProfile}).
 * Beyond S1's checks, the keyless table, which at-least-once delivery fills with replayed rows, must hold exactly
 * PostgreSQL's count. The faults are the five that replay events under at-least-once delivery, each once.
 */
@CdcLab(kafkaPartitions = 3, connectWorkers = 2, profile = SettingsProfile.RECOVERY, exactlyOnce = true)
class ChaosSoakExactlyOnceScenariosTest {
    /**
     * The faults after which at-least-once delivery replays events: a worker killed with its uncommitted source
     * offsets, the coordinator's worker leaving, PostgreSQL crashing under Debezium, the broker and the sink
     * restarting. S1's own seed draws some of them; here each comes once.
     */
    private static final List<ChaosFault> REPLAYING_FAULTS = List.of(ChaosFault.CONNECT_WORKER_KILL,
            ChaosFault.POSTGRES_KILL, ChaosFault.COORDINATOR_WORKER_LEAVES, ChaosFault.KAFKA_BROKER_RESTART,
            ChaosFault.SINK_TASK_RESTART);

    @Test
    void s1_exactlyOnce_fiveFaultsUnderLoad_nothingLost_noKeylessDuplicates_f8Holds(RunningTopology lab)
            throws Exception {
        SoakResult result = ShortSoak.runAndReport(lab, SoakSettings.shortRun("s1").withKinds(REPLAYING_FAULTS),
                "S1 under exactly-once (short version)");
        assertThat(result.keylessDuplicates()).as(result.markdown()).isZero();
        // Proof that the source wrote through Kafka transactions: Connect names each exactly-once source task's
        // transactional id <group>-<connector>-<task>.
        assertThat(transactionalIds(lab.kafkaBootstrapServers())).anyMatch(id -> id.contains("s1-source"));
    }

    private static List<String> transactionalIds(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId).toList();
        }
    }
}
