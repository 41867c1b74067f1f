package io.cdclab.check;

import java.util.Locale;

/** How bad a finding is for the team's pipeline: the first two fail {@code check} (a non-zero exit code). */
public enum Severity {
    /** The pipeline or the application stops working: refused writes, failed tasks, unreadable tables. */
    BREAKS,
    /** Rows or values go missing or come out wrong, silently. */
    LOSES_DATA,
    /** It works, but slower, later or harder to run than it needs to be. */
    DEGRADES;

    /** As the console and {@code check.json} say it: breaks, loses data, degrades. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Whether a finding of this severity makes {@code check} exit non-zero (so a team's CI stops). */
    public boolean failsTheCheck() {
        return this != DEGRADES;
    }
}
