package io.cdclab.check;

import java.util.Optional;

/**
 * A static rule: reads the team's schema and connector configs, starts nothing, and says what the lab's scenarios
 * found would happen to this pipeline. Rules are independent; each is tested with an input that fires it and the
 * same input with the fix applied, which does not.
 */
public interface Rule {
    RuleInfo info();

    /** One finding naming every place in {@code input} where the problem is; empty when the pipeline is clear of it. */
    Optional<Finding> check(CheckInput input);
}
