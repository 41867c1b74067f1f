package io.cdclab.faults.soak;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak run does: how long, from which seed, with how many clients, which faults and how far apart.
 * {@link #from(LabSettings)} reads {@code -Dbench.soak.*}; {@link #shortRun} is the test suite's version.
 */
public record SoakSettings(String prefix, long seed, Duration duration, int clients, Duration transactionInterval,
                           List<ChaosFault> kinds, Duration warmUp, Duration minGap, Duration maxGap,
                           Duration recoveryTimeout) {

    /**
     * The suite's S1: five faults planned 5-7 s apart (each also waits for the one before to recover), five of the
     * six kinds, two clients. A fixed seed, so CI replays one schedule; the benchmark draws a new one each run.
     */
    public static SoakSettings shortRun(String prefix) {
        return new SoakSettings(prefix, 20261201L, Duration.ofSeconds(30), 2, Duration.ofMillis(60),
                List.of(ChaosFault.values()), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(7),
                Duration.ofSeconds(120));
    }

    /** The same soak with only these fault kinds (e.g. those that replay events), each met once in a short run. */
    public SoakSettings withKinds(List<ChaosFault> only) {
        return new SoakSettings(prefix, seed, duration, clients, transactionInterval, List.copyOf(only), warmUp, minGap,
                maxGap, recoveryTimeout);
    }

    /**
     * {@code -Dbench.soak.duration=30m}, {@code .seed} (default: the clock, printed), {@code .clients},
     * {@code .interval.ms} (per client), {@code .faults} (comma-separated kinds), {@code .gap.min.s}/{@code .gap.max.s}.
     */
    public static SoakSettings from(LabSettings settings) {
        String seed = settings.text("bench.soak.seed", "");
        return new SoakSettings("s1",
                seed.isEmpty() ? System.currentTimeMillis() : parseLong("bench.soak.seed", seed),
                duration(settings.text("bench.soak.duration", "30m")),
                (int) parseLong("bench.soak.clients", settings.text("bench.soak.clients", "4")),
                Duration.ofMillis(parseLong("bench.soak.interval.ms", settings.text("bench.soak.interval.ms", "40"))),
                kinds(settings.text("bench.soak.faults", "")),
                Duration.ofSeconds(20),
                Duration.ofSeconds(parseLong("bench.soak.gap.min.s", settings.text("bench.soak.gap.min.s", "20"))),
                Duration.ofSeconds(parseLong("bench.soak.gap.max.s", settings.text("bench.soak.gap.max.s", "90"))),
                Duration.ofSeconds(180));
    }

    /** The soak benchmark's entry point reads its settings here (io.cdclab.bench keeps its own reading). */
    public static SoakSettings fromSystemProperties() {
        return from(LabSettings.fromSystemProperties());
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, or plain seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
        } catch (NumberFormatException e) {
            throw new LabException("-Dbench.soak.duration=" + text + " is no duration; use e.g. 90s, 30m or 2h");
        }
    }

    static List<ChaosFault> kinds(String text) {
        if (text.isBlank()) {
            return List.of(ChaosFault.values());
        }
        List<ChaosFault> kinds = new ArrayList<>();
        for (String name : text.split(",")) {
            try {
                kinds.add(ChaosFault.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new LabException("-Dbench.soak.faults names '" + name.trim() + "'; known faults: "
                        + Arrays.toString(ChaosFault.values()));
            }
        }
        return List.copyOf(kinds);
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new LabException("-D" + key + "=" + value + " is not a whole number");
        }
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("duration_s", duration.toSeconds());
        m.put("clients", clients);
        m.put("transaction_interval_ms_per_client", transactionInterval.toMillis());
        m.put("faults", kinds.stream().map(Enum::name).toList());
        m.put("warm_up_s", warmUp.toSeconds());
        m.put("gap_s", List.of(minGap.toSeconds(), maxGap.toSeconds()));
        m.put("recovery_timeout_s", recoveryTimeout.toSeconds());
        return m;
    }
}
