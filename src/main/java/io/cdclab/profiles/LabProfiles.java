package io.cdclab.profiles;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code -Dlab.profile}: one switch for the lab's named settings, comma-separated where they combine, e.g.
 * {@code -Dlab.profile=fast,recovery}. {@code fast} is a pipeline's throughput profile (PipelineProfile),
 * {@code recovery} the topology's settings that bound recovery from faults ({@link RecoveryProfile}); each reader
 * takes its own name and every name must be known.
 */
public final class LabProfiles {
    public static final String PROPERTY = LabSettings.PROFILE;
    private static final Map<String, String> KNOWN = known();

    private LabProfiles() {
    }

    private static Map<String, String> known() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("default", "the fixtures and the lab's settings as they are");
        k.put("fast", "the throughput profile: Avro, producer batching and lz4 (docs/BENCHMARKS.md, levers)");
        k.put("recovery", "worker and connector settings that bound the time to recover from a fault (RecoveryProfile)");
        k.put(ExactlyOnceProfile.NAME, "Connect's exactly-once source support on every worker, required by Debezium, "
                + "and read_committed sink consumers (ExactlyOnceProfile)");
        return k;
    }

    /** The names {@code -Dlab.profile} gives (empty when unset). */
    public static Set<String> configured(LabSettings settings) {
        return parse(settings.get(PROPERTY).orElse(""));
    }

    static Set<String> parse(String value) {
        Set<String> names = Arrays.stream(value.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : names) {
            if (!KNOWN.containsKey(name)) {
                throw new LabException("-D" + PROPERTY + " names '" + name + "', which is not a profile. Known (comma-"
                        + "separated where they combine, e.g. -D" + PROPERTY + "=fast,recovery): " + KNOWN.entrySet()
                        .stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
            }
        }
        return names;
    }
}
