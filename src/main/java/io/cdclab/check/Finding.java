package io.cdclab.check;

import java.util.Objects;

/**
 * One rule that fired on the team's pipeline: where ({@code public.orders}, {@code public.orders.amount},
 * {@code sink: iceberg.tables.upsert-mode-enabled}), the evidence (what the files say or the probe saw, quoted),
 * and the fix (what to change, concretely). Secrets never go into the evidence: name the key, not its value.
 */
public record Finding(RuleInfo rule, String where, String evidence, String fix) {
    public Finding {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(where);
        Objects.requireNonNull(evidence);
        Objects.requireNonNull(fix);
    }

    public String ruleId() {
        return rule.id();
    }

    public Severity severity() {
        return rule.severity();
    }
}
