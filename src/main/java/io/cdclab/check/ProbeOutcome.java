package io.cdclab.check;

import java.time.Duration;
import java.util.List;

/**
 * What the dynamic probe found: the findings of its rules, one line per probed table saying what was written and
 * what came back (for the report, also when nothing fired), and how long it took.
 */
public record ProbeOutcome(List<Finding> findings, List<String> probed, Duration took) {
    public ProbeOutcome {
        findings = List.copyOf(findings);
        probed = List.copyOf(probed);
    }
}
