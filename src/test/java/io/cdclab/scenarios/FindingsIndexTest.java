package io.cdclab.scenarios;

import io.cdclab.report.LabReport.Verdict;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.util.LabHome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/FINDINGS.md opens with a table of every scenario's declared finding ({@link ScenarioFinding} constants in
 * this package, beside the tests that show them), so the findings are written once, in code, and the docs follow.
 * This test fails when the table and the declarations differ; {@code -Dlab.docs.write=true} rewrites the table.
 */
class FindingsIndexTest {
    static final String BEGIN = "<!-- findings:begin: generated from the scenarios' ScenarioFinding declarations by "
            + "FindingsIndexTest; mvn test -Dtest=FindingsIndexTest -Dlab.docs.write=true rewrites it -->";
    static final String END = "<!-- findings:end -->";

    @Test
    void theFindingsPage_opensWithEveryDeclaredFinding_asDeclared() throws Exception {
        List<ScenarioFinding> declared = declaredFindings();
        assertThat(declared).extracting(ScenarioFinding::id).contains("K2", "P1", "C2", "F11", "G2", "S1");

        Path doc = LabHome.locate().resolve("docs/FINDINGS.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has no generated block (%s ... %s)", doc, BEGIN, END).isNotNegative();
        String expected = table(declared);
        String actual = text.substring(begin + BEGIN.length(), end);
        if (!actual.equals(expected) && Boolean.getBoolean("lab.docs.write")) {
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + expected + text.substring(end));
            return;
        }
        assertThat(actual).as("docs/FINDINGS.md's table differs from the declarations: run mvn test "
                + "-Dtest=FindingsIndexTest -Dlab.docs.write=true and commit the result").isEqualTo(expected);
    }

    @Test
    void everySeedClaim_isDeclaredOnce() throws Exception {
        List<String> claims = declaredFindings().stream().flatMap(f -> f.seedClaims().stream())
                .map(ScenarioFinding.SeedClaim::seedSays).toList();
        assertThat(claims).doesNotHaveDuplicates();
    }

    /** Every static ScenarioFinding field of this package's classes, in SCENARIOS.md's order. */
    static List<ScenarioFinding> declaredFindings() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path classes = Path.of(FindingsIndexTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(FindingsIndexTest.class.getPackageName().replace('.', '/'));
        List<ScenarioFinding> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(FindingsIndexTest.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length()));
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == ScenarioFinding.class) {
                        field.setAccessible(true);
                        found.add((ScenarioFinding) field.get(null));
                    }
                }
            }
        }
        return found.stream().sorted(ScenarioFinding.IN_SCENARIO_ORDER).toList();
    }

    static String table(List<ScenarioFinding> findings) {
        StringBuilder out = new StringBuilder("\n| scenario | what the lab found | the seed's claims it tests |\n|---|---|---|\n");
        for (ScenarioFinding f : findings) {
            List<String> claims = new ArrayList<>();
            for (ScenarioFinding.SeedClaim c : f.seedClaims()) {
                claims.add("\"" + c.seedSays() + "\" " + label(c.verdict()) + (c.shownBy().size() > 1
                        ? " (also " + String.join(", ", c.shownBy().subList(1, c.shownBy().size())) + ")" : ""));
            }
            out.append("| **").append(f.id()).append("** ").append(cell(f.title())).append(" | ")
                    .append(cell(f.found())).append(" | ").append(cell(String.join("; ", claims))).append(" |\n");
        }
        return out.toString();
    }

    private static String label(Verdict verdict) {
        return "— " + verdict.label().toLowerCase(Locale.ROOT);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
