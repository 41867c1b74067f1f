package io.cdclab.check.rules;

import io.cdclab.check.AbstractRule;
import io.cdclab.check.CheckInput;
import io.cdclab.check.Finding;
import io.cdclab.check.RuleInfo;
import io.cdclab.check.Severity;

import java.util.Optional;

/**
 * F3: the sink's commit coordinator reads its control topic from {@code latest} on a partition it never committed
 * from, so after a worker crash it can skip the {@code DataWritten} events a restarted task already wrote: those
 * rows are in no snapshot and Kafka will not deliver them again. Guards: {@code iceberg.kafka.auto.offset.reset =
 * earliest}, or the coordinator group's offsets seeded at each control partition's start before the sink starts.
 * A static check sees only the first; it assumes the offsets are not seeded (the lab seeds them itself).
 */
public final class ControlTopicUnguarded extends AbstractRule {
    public static final RuleInfo INFO = new RuleInfo("control-topic-unguarded", Severity.LOSES_DATA, "F3",
            "the sink's coordinator starts its control topic at latest: a worker crash can lose committed rows");

    public ControlTopicUnguarded() {
        super(INFO);
    }

    @Override
    protected Optional<Finding> findings(CheckInput input) {
        return at("sink: " + KEY, Configs.quote(input.sink(), KEY)
                        + " (the coordinator reads the control topic from latest; seeded offsets cannot be seen in a config)",
                "Add \"" + KEY + "\": \"earliest\"; or create the control topic before the sink and seed the group "
                        + "connect-<sink>-coord at the start of every partition (kafka-consumer-groups --reset-offsets --to-earliest).");
    }

    @Override
    protected boolean appliesTo(CheckInput input) {
        CheckInput.Connector sink = input.sink();
        return Configs.isApacheIcebergSink(sink) && !"earliest".equalsIgnoreCase(sink.getOrDefault(KEY, "").strip());
    }

    static final String KEY = "iceberg.kafka.auto.offset.reset";
}
