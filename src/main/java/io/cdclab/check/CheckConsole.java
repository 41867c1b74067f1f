package io.cdclab.check;

import java.util.Locale;

/** The plain-text summary {@code check} prints: the verdict first, then each finding with its evidence and fix. */
public final class CheckConsole {
    private CheckConsole() {
    }

    public static String summary(CheckResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "cdc-lab check: %s. %d rule(s) run, %d finding(s): %d breaks, "
                        + "%d loses data, %d degrades" + (result.accepted().isEmpty() ? "" : ", " + result.accepted().size()
                        + " accepted") + "%n", result.passes(false) ? "PASSED" : "FAILED",
                result.rulesRun().size(), result.findings().size(), result.count(Severity.BREAKS),
                result.count(Severity.LOSES_DATA), result.count(Severity.DEGRADES)));
        out.append("  checked: ").append(String.join(", ", result.inputs())).append(System.lineSeparator());
        for (Finding f : result.findings()) {
            out.append(String.format(Locale.ROOT, "%n[%s] %s (scenario %s) at %s%n    %s%n    evidence: %s%n    fix: %s%n",
                    f.severity().label(), f.ruleId(), f.rule().scenario(), f.where(), f.rule().problem(),
                    f.evidence(), f.fix()));
        }
        if (!result.accepted().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%naccepted (--accept), not failing the check:%n"));
            result.accepted().forEach(f -> out.append(String.format(Locale.ROOT, "  [%s] %s at %s%n",
                    f.severity().label(), f.ruleId(), f.where())));
        }
        out.append(String.format(Locale.ROOT, "%nstatic rules: %.2f s", result.staticTook().toMillis() / 1000.0));
        result.probe().ifPresentOrElse(p -> {
            out.append(String.format(Locale.ROOT, "; probe: %.1f s%n", p.took().toMillis() / 1000.0));
            p.probed().forEach(line -> out.append("  probed ").append(line).append(System.lineSeparator()));
        }, () -> out.append("; probe not run").append(System.lineSeparator()));
        return out.toString();
    }
}
