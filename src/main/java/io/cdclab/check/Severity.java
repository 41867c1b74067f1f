package io.cdclab.check;

/** How bad a finding is for the team's pipeline: the first two fail {@code check} (a non-zero exit code). */
public enum Severity {
    /** The pipeline or the application stops working: refused writes, failed tasks, unreadable tables. */
    BREAKS("breaks", true),
    /** Rows or values go missing or come out wrong, silently. */
    LOSES_DATA("loses data", true),
    /** It works, but slower, later or harder to run than it needs to be. */
    DEGRADES("degrades", false);

    private final String label;
    private final boolean failsTheCheck;

    Severity(String label, boolean failsTheCheck) {
        this.label = label;
        this.failsTheCheck = failsTheCheck;
    }

    public String label() {
        return label;
    }

    /** Whether a finding of this severity makes {@code check} exit non-zero (so a team's CI stops). */
    public boolean failsTheCheck() {
        return failsTheCheck;
    }
}
