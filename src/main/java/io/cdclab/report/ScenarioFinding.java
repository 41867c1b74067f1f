package io.cdclab.report;

import io.cdclab.report.LabReport.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one scenario found, declared once beside its test (a {@code static final} constant of the test class, named
 * after the scenario id): the heading of its section on the report page, the one line the report's front page and
 * {@code docs/FINDINGS.md} show for it, and the claims of the seed document it tests, each with its verdict. The
 * section's paragraphs, figures and charts are the run's own measurements; {@link ReportPage#section(ScenarioFinding)}
 * opens it with the finding and closes it with the claims.
 */
public record ScenarioFinding(String id, String title, String found, List<SeedClaim> seedClaims) {
    private static final Pattern ID = Pattern.compile("[A-Z][0-9]+r?");

    /** In SCENARIOS.md's order: keys, partitions, change semantics, faults, Glue, external, soak; then by heading. */
    public static final Comparator<ScenarioFinding> IN_SCENARIO_ORDER = Comparator
            .comparing(ScenarioFinding::id, IndexPage.ORDER).thenComparing(ScenarioFinding::heading);

    /** A claim of the seed document, what the lab found about it, and the scenarios that show it. */
    public record SeedClaim(String seedSays, Verdict verdict, String labFound, List<String> shownBy) {
        public SeedClaim {
            seedSays = oneLine(seedSays);
            labFound = oneLine(labFound);
            shownBy = List.copyOf(shownBy);
        }
    }

    public ScenarioFinding {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A finding's id is a scenario id of SCENARIOS.md (K1, F2r, ...), was '"
                    + id + "'");
        }
        if (found.isBlank()) {
            throw new IllegalArgumentException("Finding " + id + " says nothing: give what the scenario found");
        }
        found = oneLine(found);
        seedClaims = List.copyOf(seedClaims);
    }

    /** Prose declared as a text block, wrapped to the source's width, as the one line the report and docs show. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    public static ScenarioFinding of(String id, String title, String found) {
        return new ScenarioFinding(id, title, found, List.of());
    }

    /** A seed claim this scenario tests, answered by its own finding. */
    public ScenarioFinding tests(String seedSays, Verdict verdict) {
        return tests(seedSays, verdict, found);
    }

    /** A seed claim this scenario tests, in words of its own, shown by this scenario and {@code alsoShownBy}. */
    public ScenarioFinding tests(String seedSays, Verdict verdict, String labFound, String... alsoShownBy) {
        List<String> shownBy = new ArrayList<>(List.of(id));
        shownBy.addAll(Arrays.asList(alsoShownBy));
        List<SeedClaim> claims = new ArrayList<>(seedClaims);
        claims.add(new SeedClaim(seedSays, verdict, labFound, shownBy));
        return new ScenarioFinding(id, title, found, claims);
    }

    /** The section's heading: the id, then the title ("K2 composite key"). */
    public String heading() {
        return title.isBlank() ? id : id + " " + title;
    }
}
