package io.cdclab.check;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule is, once: its id (stable, for suppressions and CI logs, e.g. {@code keyless-table-published}), its
 * severity, the lab scenario that demonstrates it (a SCENARIOS.md id such as {@code K3}; a rule without one is not
 * added) and a one-line statement of the problem.
 */
public record RuleInfo(String id, Severity severity, String scenario, String problem) {
    public RuleInfo {
        Objects.requireNonNull(id);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(scenario);
        Objects.requireNonNull(problem);
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("rule id '" + id + "' is not kebab-case");
        }
    }

    /** A finding of this rule at one place, {@code where} (a table, column or config key), with its evidence and fix. */
    public Finding finding(String where, String evidence, String fix) {
        return new Finding(this, "", "", List.of(new Finding.Place(where, evidence, fix)));
    }

    /**
     * The one finding of this rule at all {@code places}, with what is true of every place said once; empty where
     * the rule fired nowhere.
     */
    public Optional<Finding> findingAt(List<Finding.Place> places, String commonEvidence, String commonFix) {
        return places.isEmpty() ? Optional.empty() : Optional.of(new Finding(this, commonEvidence, commonFix, places));
    }
}
