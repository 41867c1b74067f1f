package io.cdclab.junit;

import io.cdclab.backend.Backends;
import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.report.ScenarioOutcomes.Outcome;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.report.ScenarioOutcomes;
import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

/**
 * Records each scenario test's outcome for the report's index (verdicts per scenario id). A failure to record is
 * logged, never thrown: the report must not change a test's result.
 */
public final class ScenarioWatcher implements TestWatcher {

    @Override
    public void testSuccessful(ExtensionContext context) {
        record(context, Outcome.PASSED, null);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        record(context, Outcome.FAILED, cause);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        record(context, Outcome.SKIPPED, cause);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        record(context, Outcome.SKIPPED, reason.map(RuntimeException::new).orElse(null));
    }

    private static void record(ExtensionContext context, Outcome outcome, Throwable cause) {
        try {
            String reason = cause == null ? null : firstLine(cause);
            LabSettings run = RunSettings.of(context);
            String backend = Backends.name(run);
            String method = context.getRequiredTestMethod().getName();
            ScenarioOutcomes.record(context.getRequiredTestClass().getSimpleName(), method, outcome, reason, backend,
                    images(backend, run), declaredFinding(context.getRequiredTestClass(), method).orElse(null));
        } catch (RuntimeException e) {
            System.err.println("cdc-lab: could not record " + context.getDisplayName() + " in the report: " + e);
        }
    }

    /**
     * What the test's class declares its scenario found: a static {@link ScenarioFinding} of the method's first
     * scenario id, so that the report's front page shows it also for a scenario that writes no section of its own.
     */
    static Optional<String> declaredFinding(Class<?> testClass, String method) {
        List<String> ids = ScenarioOutcomes.ids(method);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        for (Field field : testClass.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ScenarioFinding.class) {
                try {
                    field.setAccessible(true);
                    ScenarioFinding finding = (ScenarioFinding) field.get(null);
                    if (finding.id().equals(ids.get(0))) {
                        return Optional.of(finding.found());
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    return Optional.empty(); // the report must not change a test's result
                }
            }
        }
        return Optional.empty();
    }

    /** Where the containers backend's images come from (public, built); other backends run no images. */
    static String images(String backend, LabSettings run) {
        return backend.equals("containers") ? ImageSource.from(run).label() : ScenarioOutcomes.NO_IMAGES;
    }

    private static String firstLine(Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        int newline = text.indexOf('\n');
        text = newline < 0 ? text : text.substring(0, newline);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
