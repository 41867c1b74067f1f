package io.cdclab.scenarios;

import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.soak.SoakResult;
import io.cdclab.faults.soak.SoakRun;
import io.cdclab.faults.soak.SoakSettings;
import io.cdclab.junit.CdcLab;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.SettingsProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S1's short version: a pgbench-style load of two clients on four tables while five faults from a fixed seed come
 * one after another, on a cluster of two Connect workers with the recovery profile (the benchmark suite
 * {@code -Dbench.suite=soak} runs the long one). Every keyed table must
 * reconcile row by row, the keyless one by count, and F8 must hold.
 */
@CdcLab(kafkaPartitions = 3, connectWorkers = 2, profile = SettingsProfile.RECOVERY)
class ChaosSoakScenariosTest {

    @Test
    void s1_shortSoak_fiveFaultsUnderLoad_everyKeyedTableReconciles_keylessCountMatches_f8Holds(RunningTopology lab) {
        SoakSettings settings = SoakSettings.shortRun("s1");
        SoakResult result = new SoakRun(lab, settings).run();

        FaultsReport.page().section("S1: chaos under load (short version)")
                .paragraph(result.markdown().lines().skip(2).findFirst().orElse(""))
                .table("Faults in the order they came", List.of("at (s)", "fault", "recovery (s)", "restarts"),
                        result.injected().stream().map(i -> List.<Object>of(String.format("%.0f", i.at().toMillis() / 1000.0),
                                i.fault().description(), String.format("%.1f", i.recovery().toMillis() / 1000.0),
                                i.restarts())).toList())
                .table("Tables at the end", List.of("table", "check", "PostgreSQL", "lake", "missing", "extra",
                                "differing", "raw duplicates"),
                        result.tables().stream().map(t -> List.<Object>of(t.table(), t.keyed() ? "row by row" : "count",
                                t.sourceRows(), t.lakeRows(), t.missing(), t.extra(), t.differing(), t.rawDuplicates()))
                                .toList());
        FaultsReport.page().write();

        assertThat(result.injected()).as(result.schedule().describe()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(result.injected().stream().map(SoakResult.Injected::fault).distinct().count())
                .as("distinct fault kinds").isGreaterThanOrEqualTo(4);
        assertThat(result.committedTransactions()).as("transactions the load committed").isGreaterThan(200);
        assertThat(result.passed()).as(result.failures()).isTrue();
        assertThat(result.rowsLost()).isZero();
    }
}
