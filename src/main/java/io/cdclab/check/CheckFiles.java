package io.cdclab.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cdclab.report.LabReport;
import io.cdclab.report.ReportPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code check}'s two files: the JSON a team's CI reads ({@code check.json}, one object per rule that fired, with
 * its places) and the report page people read ({@code check.html}: the verdict, one row per rule that fired, one
 * row per place, then every rule that ran). Both list the worst findings first, then by rule id.
 */
public final class CheckFiles {
    private CheckFiles() {
    }

    /** Writes {@code json} and the report page; returns the page. */
    public static Path write(CheckResult result, boolean strict, Path json) {
        writeJson(result, strict, json);
        return page(result, strict).write();
    }

    /** The default place of the JSON: beside the report's pages. */
    public static Path defaultJson() {
        return LabReport.directory().resolve("check.json");
    }

    static void writeJson(CheckResult result, boolean strict, Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", result.passes(strict) ? "passed" : "failed");
        json.put("exit_code", result.exitCode(strict));
        json.put("strict", strict);
        json.put("when", Instant.now().toString());
        json.put("inputs", result.inputs());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("breaks", result.count(Severity.BREAKS));
        counts.put("loses_data", result.count(Severity.LOSES_DATA));
        counts.put("degrades", result.count(Severity.DEGRADES));
        counts.put("places", result.places());
        json.put("counts", counts);
        json.put("findings", result.findings().stream().map(CheckFiles::json).toList());
        json.put("accepted", result.accepted().stream().map(CheckFiles::json).toList());
        json.put("rules_run", result.rulesRun().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", r.id());
            m.put("severity", r.severity().label());
            m.put("scenario", r.scenario());
            return m;
        }).toList());
        json.put("static_seconds", result.staticTook().toMillis() / 1000.0);
        result.probe().ifPresent(p -> {
            json.put("probe_seconds", p.took().toMillis() / 1000.0);
            json.put("probed", p.probed());
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static Map<String, Object> json(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.ruleId());
        m.put("severity", f.severity().label());
        m.put("scenario", f.rule().scenario());
        m.put("problem", f.rule().problem());
        m.put("where", f.wheres());
        m.put("evidence", f.commonEvidence());
        m.put("fix", f.commonFix());
        m.put("places", f.places().stream().map(p -> {
            Map<String, Object> place = new LinkedHashMap<>();
            place.put("where", p.where());
            place.put("evidence", p.evidence());
            place.put("fix", p.fix());
            return place;
        }).toList());
        return m;
    }

    /**
     * The findings table's evidence or fix: all of it for one place; for several, what they share, or a pointer to
     * the per-place table rather than an empty cell.
     */
    private static String shared(Finding f, String whole, String common) {
        if (f.places().size() == 1) {
            return whole;
        }
        return common.isEmpty() ? "differs by place: see \"Where each finding fired\"" : common;
    }

    static ReportPage page(CheckResult result, boolean strict) {
        ReportPage page = LabReport.page("check", "Check: a team's pipeline against the lab's findings");
        page.section("Verdict").paragraph((result.passes(strict) ? "Passed" : "Failed") + ": "
                + result.findings().size() + " finding(s), " + result.count(Severity.BREAKS) + " breaks, "
                + result.count(Severity.LOSES_DATA) + " loses data, " + result.count(Severity.DEGRADES)
                + " degrades" + (strict ? " (strict: degrades fail too)" : "") + ". Checked: "
                + String.join(", ", result.inputs()) + ".");
        page.section("Findings").table("One row per rule that fired, worst first; where it fired, and what every "
                        + "place shares", List.of("severity", "rule", "scenario", "places", "where", "evidence", "fix"),
                result.findings().stream().map(f -> List.<Object>of(f.severity().label(), f.ruleId(),
                        f.rule().scenario(), f.places().size(), f.where(), shared(f, f.evidence(), f.commonEvidence()),
                        shared(f, f.fix(), f.commonFix()))).toList());
        page.section("Where each finding fired").table("One row per place, in the findings' order",
                List.of("rule", "where", "evidence", "fix"),
                result.findings().stream().flatMap(f -> f.places().stream().map(p -> List.<Object>of(f.ruleId(),
                        p.where(), p.evidence(), p.fix()))).toList());
        if (!result.accepted().isEmpty()) {
            page.section("Accepted by the team").table("Findings the team judged and accepted (--accept rule[@where]): "
                    + "shown, not failing the check", List.of("severity", "rule", "scenario", "where", "evidence"),
                    result.accepted().stream().map(f -> List.<Object>of(f.severity().label(), f.ruleId(),
                            f.rule().scenario(), f.where(), f.evidence())).toList());
        }
        result.probe().ifPresent(p -> page.section("What the probe wrote and read back")
                .table(String.format(Locale.ROOT, "In %.1f s on the embedded backend",
                        p.took().toMillis() / 1000.0), List.of("table: written, read back"),
                        p.probed().stream().map(line -> List.<Object>of(line)).toList()));
        page.section("Rules run").table("Each rule and the lab scenario that demonstrates it",
                List.of("rule", "severity", "scenario", "problem"),
                result.rulesRun().stream().map(r -> List.<Object>of(r.id(), r.severity().label(), r.scenario(),
                        r.problem())).toList());
        return page;
    }
}
