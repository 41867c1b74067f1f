package io.cdclab.pipeline;

import io.cdclab.connect.ConnectorConfig;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A transform's {@code predicate} (with {@code negate}), evaluated on a change event's topic where the config allows:
 * {@code TopicNameMatches} on a known topic, {@code RecordIsTombstone} (a change event is not one). Any other
 * predicate, or an unknown topic, leaves it open whether the transform runs.
 */
record TransformPredicate(String type, String pattern, boolean negate) {
    enum Applies { YES, NO, UNKNOWN }

    private static final String PREDICATES = "org.apache.kafka.connect.transforms.predicates.";

    static TransformPredicate of(ConnectorConfig connector, String alias, String negate) {
        if (alias == null || alias.isBlank()) {
            return new TransformPredicate(null, null, false);
        }
        String prefix = "predicates." + alias.strip() + ".";
        return new TransformPredicate(connector.get(prefix + "type"), connector.get(prefix + "pattern"),
                "true".equalsIgnoreCase(negate == null ? "" : negate.strip()));
    }

    Applies appliesTo(RecordTrace.Value topic) {
        if (type == null) {
            return Applies.YES;
        }
        Boolean matches = null;
        if (type.equals(PREDICATES + "RecordIsTombstone")) {
            matches = false;
        } else if (type.equals(PREDICATES + "TopicNameMatches") && topic.known() && pattern != null) {
            try {
                matches = Pattern.compile(pattern).matcher(topic.value()).matches();
            } catch (PatternSyntaxException e) {
                return Applies.UNKNOWN;
            }
        }
        if (matches == null) {
            return Applies.UNKNOWN;
        }
        return matches != negate ? Applies.YES : Applies.NO;
    }
}
