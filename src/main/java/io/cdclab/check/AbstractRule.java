package io.cdclab.check;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every static rule does the same way, so that a rule is its {@link RuleInfo}, the guard that says whether the
 * pipeline's configs make it apply at all, and the places where it fires: {@link #check} runs the guard, then
 * {@link #findings}. A new rule extends this, lives in {@code check/rules/} and is listed in
 * {@code META-INF/services/io.cdclab.check.Rule}. The rules read in one order: {@code INFO} and the constructor, then
 * {@link #findings}, then {@link #appliesTo} where it is not every pipeline, then helpers and constants.
 */
public abstract class AbstractRule implements Rule {
    private final RuleInfo info;

    protected AbstractRule(RuleInfo info) {
        this.info = Objects.requireNonNull(info);
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    @Override
    public final Optional<Finding> check(CheckInput input) {
        return appliesTo(input) ? findings(input) : Optional.empty();
    }

    /** Whether the configs make the problem possible (the sink's kind, a Debezium mode); every pipeline by default. */
    protected boolean appliesTo(CheckInput input) {
        return true;
    }

    /** The finding at every place the rule fires, once it applies; empty where it fires nowhere. */
    protected abstract Optional<Finding> findings(CheckInput input);

    /** The finding at one place. */
    protected final Optional<Finding> at(String where, String evidence, String fix) {
        return Optional.of(info.finding(where, evidence, fix));
    }

    /** The finding at all {@code places}, with what is true of each said once; empty where there are none. */
    protected final Optional<Finding> at(List<Finding.Place> places, String commonEvidence, String commonFix) {
        return info.findingAt(places, commonEvidence, commonFix);
    }
}
