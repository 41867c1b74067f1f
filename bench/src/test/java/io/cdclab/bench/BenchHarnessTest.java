package io.cdclab.bench;

import io.cdclab.errors.LabException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness's own arithmetic and parsing; the benchmarks themselves are run by hand (docs/BENCHMARKS.md). */
class BenchHarnessTest {

    @AfterEach
    void clearProperties() {
        List.of("bench.suite", "bench.scaling.partitions", "bench.source.config", "bench.changes", "bench.jfr")
                .forEach(System::clearProperty);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> values = LongStream.rangeClosed(1, 200).boxed().toList();
        Map<String, Long> summary = Percentiles.summary(values);
        assertThat(summary).containsEntry("p50_ms", 100L).containsEntry("p95_ms", 190L).containsEntry("p99_ms", 198L)
                .containsEntry("min_ms", 1L).containsEntry("max_ms", 200L).containsEntry("count", 200L);
        assertThat(Percentiles.of(List.of(7L), 99)).isEqualTo(7L);
    }

    @Test
    void settingsComeFromSystemPropertiesWithDefaultsForEmptyValues() {
        System.setProperty("bench.suite", "latency, scaling");
        System.setProperty("bench.scaling.partitions", "1,3,6");
        System.setProperty("bench.source.config", "poll.interval.ms=50; producer.override.linger.ms=10");
        System.setProperty("bench.changes", ""); // what the bench profile passes when nobody set it
        System.setProperty("bench.jfr", "");
        BenchSettings s = BenchSettings.fromSystemProperties();
        assertThat(s.suites()).containsExactly("latency", "scaling");
        assertThat(s.scalingPartitions()).containsExactly(1, 3, 6);
        assertThat(s.changes()).isEqualTo(1_000_000L);
        assertThat(s.sourceConfig()).containsEntry("poll.interval.ms", "50").containsEntry("producer.override.linger.ms", "10");
        assertThat(s.runs("throughput")).isFalse();
        assertThat(s.jfr()).isEqualTo("none");
    }

    @Test
    void unknownSuiteAndBadNumbersAreNamed() {
        System.setProperty("bench.suite", "latnecy");
        assertThatThrownBy(BenchSettings::fromSystemProperties).isInstanceOf(LabException.class).hasMessageContaining("latnecy");
        System.setProperty("bench.suite", "throughput");
        System.setProperty("bench.changes", "1e6");
        assertThatThrownBy(BenchSettings::fromSystemProperties).hasMessageContaining("-Dbench.changes=1e6");
    }

    @Test
    void jfrSummaryFindsTheBusyThread(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("busy.jfr");
        // Spin until JFR's sampler has caught the busy thread, not for a fixed time: on a loaded machine (CI, once)
        // two seconds of spinning held no execution sample at all.
        AtomicLong sampled = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"));
             jdk.jfr.consumer.RecordingStream samples = new jdk.jfr.consumer.RecordingStream()) {
            samples.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            samples.onEvent("jdk.ExecutionSample", e -> sampled.incrementAndGet());
            samples.startAsync();
            recording.start();
            Thread busy = new Thread(() -> spin(done), "bench-test-busy-7");
            busy.start();
            Awaitility.await("JFR's sampler to catch the busy thread")
                    .atMost(Duration.ofSeconds(60)).until(() -> sampled.get() >= 5);
            done.set(true);
            busy.join();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Object> summary = JfrSummary.summarize(file, 5);
        assertThat((Long) summary.get("execution_samples")).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Double> threads = (Map<String, Double>) summary.get("top_threads_pct");
        // Which threads the sampler catches depends on the machine's load; the summary must hold some, with
        // thread numbers folded so pool threads count together.
        assertThat(threads).isNotEmpty();
        assertThat(JfrSummary.threadGroupName("bench-test-busy-7")).isEqualTo("bench-test-busy-N");
        assertThat(JfrSummary.markdown(summary)).contains("| components | % of samples |");
    }

    @Test
    void cpuOfThisJvmIsCounted() {
        ProcessCpu cpu = new ProcessCpu("no-postgres-here");
        Map<Long, ProcessCpu.Sample> before = cpu.sample();
        spin();
        Map<String, Double> seconds = ProcessCpu.secondsBetween(before, cpu.sample());
        assertThat(seconds.get("bench JVM (Spark, pollers, clients)")).isGreaterThan(0.0);
    }

    @Test
    void countsReadShort() {
        assertThat(ThroughputRun.shortCount(1_000_000)).isEqualTo("1m");
        assertThat(ThroughputRun.shortCount(100_000)).isEqualTo("100k");
        assertThat(ThroughputRun.shortCount(12_345)).isEqualTo("12345");
        assertThat(new ThroughputRun.Cell(10_000, 3, 2).label(4)).isEqualTo("tp4_10k_p3_t2");
    }

    /** About half a second of CPU work, so samplers have something to see. */
    /** Two seconds of CPU on this thread. */
    private static void spin() {
        long end = System.nanoTime() + 2_000_000_000L;
        double x = 0;
        while (System.nanoTime() < end) {
            x += Math.sqrt(x + 1);
        }
        if (x < 0) {
            throw new AssertionError();
        }
    }

    private static void spin(AtomicBoolean done) {
        double x = 0;
        while (!done.get()) {
            x += Math.sqrt(x + 1);
        }
        if (x < 0) {
            throw new AssertionError();
        }
    }
}
