package io.cdclab.check;

import java.util.Locale;

/**
 * The plain-text summary {@code check} prints: the verdict first, then one block per rule that fired, worst first
 * (then by rule id), each naming every place it fired with that place's evidence and fix.
 */
public final class CheckConsole {
    private static final String NL = System.lineSeparator();

    private CheckConsole() {
    }

    public static String summary(CheckResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "cdc-lab check: %s. %d rule(s) run, %d finding(s) at %d place(s): "
                        + "%d breaks, %d loses data, %d degrades" + (result.accepted().isEmpty() ? "" : ", "
                        + result.accepted().size() + " accepted") + "%n", result.passes(false) ? "PASSED" : "FAILED",
                result.rulesRun().size(), result.findings().size(), result.places(), result.count(Severity.BREAKS),
                result.count(Severity.LOSES_DATA), result.count(Severity.DEGRADES)));
        out.append("  checked: ").append(String.join(", ", result.inputs())).append(NL);
        result.findings().forEach(f -> finding(out, f));
        if (!result.accepted().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%naccepted (--accept), not failing the check:%n"));
            result.accepted().forEach(f -> out.append(String.format(Locale.ROOT, "  [%s] %s at %s%n",
                    f.severity().label(), f.ruleId(), f.where())));
        }
        out.append(String.format(Locale.ROOT, "%nstatic rules: %.2f s", result.staticTook().toMillis() / 1000.0));
        result.probe().ifPresentOrElse(p -> {
            out.append(String.format(Locale.ROOT, "; probe: %.1f s%n", p.took().toMillis() / 1000.0));
            p.probed().forEach(line -> out.append("  probed ").append(line).append(NL));
        }, () -> out.append("; probe not run").append(NL));
        return out.toString();
    }

    /**
     * One place: evidence and fix on a line each, as before grouping. Several: what they share once, and each place
     * on its own line with its own fix, so a fix stays specific to its table, column or key.
     */
    private static void finding(StringBuilder out, Finding f) {
        int n = f.places().size();
        out.append(NL).append('[').append(f.severity().label()).append("] ").append(f.ruleId())
                .append(" (scenario ").append(f.rule().scenario()).append(") at ")
                .append(n == 1 ? f.where() : n + " places: " + f.where()).append(NL)
                .append("    ").append(f.rule().problem()).append(NL);
        if (n == 1) {
            out.append("    evidence: ").append(f.evidence()).append(NL);
            out.append("    fix: ").append(f.fix()).append(NL);
            return;
        }
        if (!f.commonEvidence().isEmpty()) {
            out.append("    evidence: ").append(f.commonEvidence()).append(NL);
        }
        for (Finding.Place p : f.places()) {
            out.append("    - ").append(p.named(p.evidence())).append(NL);
            if (!p.fix().isEmpty()) {
                out.append("      fix: ").append(p.fix()).append(NL);
            }
        }
        if (!f.commonFix().isEmpty()) {
            out.append("    fix").append(f.places().stream().anyMatch(p -> !p.fix().isEmpty()) ? ", every place" : "")
                    .append(": ").append(f.commonFix()).append(NL);
        }
    }
}
