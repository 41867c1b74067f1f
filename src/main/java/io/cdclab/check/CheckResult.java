package io.cdclab.check;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@code check} found on a team's pipeline: the rules it ran, every finding (one per rule with all its places,
 * worst first, then by rule id), the findings the
 * team accepted ({@code --accept rule[@where]}: seen, judged, and not failing the check any more), what the probe
 * wrote and read back per table, and how long each half took. {@link #exitCode} is what a team's CI acts on.
 */
public record CheckResult(List<String> inputs, List<RuleInfo> rulesRun, List<Finding> findings,
                          List<Finding> accepted, Duration staticTook, Optional<ProbeOutcome> probe) {
    /** A bad input (a file that cannot be read, a table the schema lacks): {@code check} did not run. */
    public static final int EXIT_BAD_INPUT = 2;
    /** A rule of severity breaks or loses data fired (or degrades, when strict). */
    public static final int EXIT_FINDINGS = 1;

    public CheckResult {
        inputs = List.copyOf(inputs);
        rulesRun = List.copyOf(rulesRun);
        findings = worstFirst(findings);
        accepted = worstFirst(accepted);
    }

    private static List<Finding> worstFirst(List<Finding> findings) {
        return FindingsByRule.group(findings).stream().sorted(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::ruleId)).toList();
    }

    /** The findings that fail the check: breaks and loses data, plus degrades when {@code strict}. */
    public List<Finding> failing(boolean strict) {
        return findings.stream().filter(f -> strict || f.severity().failsTheCheck()).toList();
    }

    public boolean passes(boolean strict) {
        return failing(strict).isEmpty();
    }

    public int exitCode(boolean strict) {
        return passes(strict) ? 0 : EXIT_FINDINGS;
    }

    /** Findings (rules that fired) of {@code severity}. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Places where the failing-or-not findings fired, all rules together. */
    public long places() {
        return findings.stream().mapToLong(f -> f.places().size()).sum();
    }

    /** For a team's own test: passes, or fails with the console summary as the message. */
    public void assertPasses() {
        if (!passes(false)) {
            throw new AssertionError(CheckConsole.summary(this));
        }
    }
}
