package io.cdclab.scenarios;

import io.cdclab.faults.soak.ChaosFault;
import io.cdclab.faults.soak.SoakResult;
import io.cdclab.faults.soak.SoakRun;
import io.cdclab.faults.soak.SoakSettings;
import io.cdclab.junit.CdcLab;
import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.report.LabReport.Verdict;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;
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
 * (KIP-618), required by Debezium, and read_committed sink consumers ({@link ExactlyOnceProfile}).
 * Beyond S1's checks, the keyless table, which at-least-once delivery fills with replayed rows, must hold exactly
 * PostgreSQL's count. The faults are those that replay events under at-least-once delivery.
 */
@CdcLab(kafkaPartitions = 3, connectWorkers = 2, profile = SettingsProfile.RECOVERY, exactlyOnce = true)
class ChaosSoakExactlyOnceScenariosTest {
    static final ScenarioFinding S1_EXACTLY_ONCE = ScenarioFinding.of("S1", "under exactly-once (short version)", """
            With Connect's exactly-once source support, Debezium requiring it and read_committed sink consumers,
            worker kills, the coordinator's worker leaving, a PostgreSQL crash and a sink restart leave a keyless
            table without duplicates; a broker restart stalled the source once.""")
            .tests("""
                    Without a key, the lake cannot tell a replayed change from a new row (implied: keyless tables take
                    duplicates).""", Verdict.NUANCED, """
                            Only under at-least-once delivery (179 of 106,180 keyless rows twice in a 30-minute soak).
                            Under exactly-once delivery none, and nothing lost; a broker restart stalled the source
                            once (open).""");
    /**
     * The faults after which at-least-once delivery replays events: a worker killed with its uncommitted source
     * offsets, the coordinator's worker leaving, PostgreSQL crashing under Debezium, the sink restarting. S1's own
     * seed draws only some of them; here each comes at least once. Not the broker restart: under exactly-once, a
     * restart of the single broker stalled the source task's transactions for over two minutes in one CI run of
     * three (task RUNNING, nothing delivered, its stop hung), a finding of its own (docs/FINDINGS.md, S1 under exactly-once).
     */
    private static final List<ChaosFault> REPLAYING_FAULTS = List.of(ChaosFault.CONNECT_WORKER_KILL,
            ChaosFault.POSTGRES_KILL, ChaosFault.COORDINATOR_WORKER_LEAVES, ChaosFault.SINK_TASK_RESTART);

    @Test
    void s1_exactlyOnce_fiveFaultsUnderLoad_nothingLost_noKeylessDuplicates_f8Holds(RunningTopology lab)
            throws Exception {
        SoakResult result = new SoakRun(lab, SoakSettings.shortRun("s1").withKinds(REPLAYING_FAULTS)).run();
        ShortSoak.section(result, S1_EXACTLY_ONCE)
                .paragraph("Keyless duplicates in this run: " + result.keylessDuplicates() + ".")
                .write();
        ShortSoak.assertNothingLost(result);
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
