package io.cdclab.scenarios;

import io.cdclab.faults.FaultsReport;
import io.cdclab.faults.soak.SoakResult;
import io.cdclab.faults.soak.SoakRun;
import io.cdclab.faults.soak.SoakSettings;
import io.cdclab.report.ReportPage;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.topology.RunningTopology;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** S1's short version as both S1 classes run it: the soak, its section on the faults page, the common asserts. */
final class ShortSoak {
    private ShortSoak() {
    }

    /**
     * Runs the short soak on {@code lab}, reports it under S1's declared finding (its heading marked with
     * {@code headingSuffix}, e.g. where it ran), and asserts nothing was lost.
     */
    static SoakResult runAndReport(RunningTopology lab, String headingSuffix) {
        SoakResult result = new SoakRun(lab, SoakSettings.shortRun("s1")).run();
        fill(FaultsReport.page().section(ChaosSoakScenariosTest.S1, headingSuffix), result).write();
        assertNothingLost(result);
        return result;
    }

    /** The soak's section on the faults page under a scenario's declared finding, not yet written. */
    static ReportPage.Section section(SoakResult result, ScenarioFinding finding) {
        return fill(FaultsReport.page().section(finding), result);
    }

    private static ReportPage.Section fill(ReportPage.Section section, SoakResult result) {
        return section
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
    }

    /** What every S1 asserts: the faults came, the load ran, every keyed table reconciles, F8 holds, nothing lost. */
    static void assertNothingLost(SoakResult result) {
        assertThat(result.injected()).as(result.schedule().describe()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(result.injected().stream().map(SoakResult.Injected::fault).distinct().count())
                .as("distinct fault kinds").isGreaterThanOrEqualTo(4);
        assertThat(result.committedTransactions()).as("transactions the load committed").isGreaterThan(200);
        assertThat(result.passed()).as(result.failures()).isTrue();
        assertThat(result.rowsLost()).isZero();
    }
}
