package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.List;
import java.util.Optional;

/**
 * A sink subscribing by {@code topics.regex} without a short metadata age: its consumer finds a topic created after
 * it started (Debezium creates each table's topic with the table's first event) only at its next metadata refresh,
 * {@code metadata.max.age.ms}, five minutes by default. Until then it sits RUNNING with nothing assigned and a silent
 * log. "Short" here: at most 30 s. The lab's scenario measures the difference (SinkStartScenariosTest, 5 s against
 * 60 s). The worker's own {@code consumer.metadata.max.age.ms} would do too; the check reads connector configs only.
 */
public final class TopicsRegexMetadataAge extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("topics-regex-metadata-age", Severity.DEGRADES, "C1",
            "a topics.regex sink sees a table's topic created after it started only at its consumer's next metadata "
                    + "refresh: up to 5 minutes of nothing assigned");

    public TopicsRegexMetadataAge() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        CheckInput.Connector sink = input.sink();
        String regex = sink.get("topics.regex");
        String age = sink.get(KEY);
        String evidence = Configs.file(sink) + ": topics.regex = " + regex + ", and " + (age == null ? "no " + KEY
                + ": the consumer refreshes its topic list every 300000 ms (5 min, Kafka's default)"
                : KEY + " = " + age + " (more than " + SHORT_MS / 1000 + " s)");
        return at(List.of(Finding.place("sink: topics.regex", evidence, "")),
                "A topic created after the sink's consumer started (Debezium creates each table's topic with its first "
                        + "event) is assigned only at the next refresh; until then the sink is RUNNING, assigns nothing "
                        + "and logs nothing (C1: with 5 s the sink had the new topic within seconds, with 60 s not "
                        + "within the test's bounded wait).",
                "Set \"" + KEY + "\": \"5000\" on the sink (any value up to " + SHORT_MS + " ms; the worker must allow "
                        + "client overrides: connector.client.config.override.policy=All), or consumer.metadata.max.age.ms"
                        + " on the worker, or create the tables' topics before the sink starts.");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        String regex = input.sink().get("topics.regex");
        String age = input.sink().get(KEY);
        return regex != null && !regex.isBlank()
                && (age == null || !Configs.isLabPlaceholder(age) && ageMs(age) > SHORT_MS);
    }

    private static long ageMs(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The longest metadata age the rule accepts, in milliseconds. */
    public static final long SHORT_MS = 30_000;
    private static final String KEY = "consumer.override.metadata.max.age.ms";
}
