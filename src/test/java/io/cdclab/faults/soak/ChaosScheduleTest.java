package io.cdclab.faults.soak;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaosScheduleTest {
    private static final List<ChaosFault> ALL = List.of(ChaosFault.values());

    @Test
    void s1_theSameSeed_drawsTheSameSchedule_anotherSeedAnother() {
        ChaosSchedule a = ChaosSchedule.draw(42, Duration.ofMinutes(10), ALL, Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(90));
        ChaosSchedule b = ChaosSchedule.draw(42, Duration.ofMinutes(10), ALL, Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(90));
        ChaosSchedule c = ChaosSchedule.draw(43, Duration.ofMinutes(10), ALL, Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(90));
        assertThat(a).isEqualTo(b);
        assertThat(a.faults()).isNotEqualTo(c.faults());
        assertThat(a.describe()).startsWith("seed 42, 600 s: [20 s ");
    }

    @Test
    void s1_everyKindComesOnceBeforeAnyComesAgain_andFaultsStayInsideTheDurationAndGaps() {
        ChaosSchedule s = ChaosSchedule.draw(7, Duration.ofMinutes(30), ALL, Duration.ofSeconds(20),
                Duration.ofSeconds(20), Duration.ofSeconds(90));
        Set<ChaosFault> firstRound = s.faults().subList(0, ALL.size()).stream().map(ChaosSchedule.Planned::fault)
                .collect(Collectors.toSet());
        assertThat(firstRound).containsExactlyInAnyOrderElementsOf(ALL);
        for (int i = 1; i < s.faults().size(); i++) {
            Duration gap = s.faults().get(i).at().minus(s.faults().get(i - 1).at());
            assertThat(gap).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(90));
        }
        assertThat(s.faults().get(s.faults().size() - 1).at()).isLessThan(Duration.ofMinutes(30));
    }

    @Test
    void s1_theSuitesShortRun_plansAtLeastFourFaultsOfDistinctKinds() {
        SoakSettings shortRun = SoakSettings.shortRun("s1");
        ChaosSchedule s = ChaosSchedule.draw(shortRun.seed(), shortRun.duration(), shortRun.kinds(), shortRun.warmUp(),
                shortRun.minGap(), shortRun.maxGap());
        assertThat(s.faults()).hasSizeBetween(4, 6);
        assertThat(s.faults().stream().map(ChaosSchedule.Planned::fault).distinct().count()).isEqualTo(s.faults().size());
    }

    @Test
    void badSettings_areRefusedNamingTheFix() {
        assertThatThrownBy(() -> SoakSettings.kinds("kafka_broker_restart,disk_full")).isInstanceOf(LabException.class)
                .hasMessageContaining("'disk_full'").hasMessageContaining("CONNECT_WORKER_KILL");
        assertThat(SoakSettings.kinds("kafka-broker-restart, sink_task_restart"))
                .containsExactly(ChaosFault.KAFKA_BROKER_RESTART, ChaosFault.SINK_TASK_RESTART);
        assertThatThrownBy(() -> SoakSettings.duration("half an hour")).isInstanceOf(LabException.class)
                .hasMessageContaining("90s, 30m or 2h");
        assertThat(SoakSettings.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(SoakSettings.duration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> ChaosSchedule.draw(1, Duration.ofMinutes(1), List.of(), Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(2))).isInstanceOf(LabException.class).hasMessageContaining("at least one");
    }

    @Test
    void theSoakRunsSettings_comeFromTheLabSettings_withTheirDefaults() {
        SoakSettings defaults = SoakSettings.from(LabSettings.none().with("bench.soak.seed", "7"));
        assertThat(defaults.seed()).isEqualTo(7);
        assertThat(defaults.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.clients()).isEqualTo(4);
        assertThat(defaults.kinds()).containsExactly(ChaosFault.values());
        SoakSettings set = SoakSettings.from(LabSettings.from(Map.of("bench.soak.duration", "90s",
                "bench.soak.clients", "2", "bench.soak.faults", "sink-task-restart", "bench.soak.gap.min.s", "5")));
        assertThat(set.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(set.clients()).isEqualTo(2);
        assertThat(set.kinds()).containsExactly(ChaosFault.SINK_TASK_RESTART);
        assertThat(set.minGap()).isEqualTo(Duration.ofSeconds(5));
    }
}
