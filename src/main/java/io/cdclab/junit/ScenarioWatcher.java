package io.cdclab.junit;

import io.cdclab.backend.Backends;
import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.report.ScenarioOutcomes.Outcome;
import io.cdclab.report.ScenarioOutcomes;
import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

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
            ScenarioOutcomes.record(context.getRequiredTestClass().getSimpleName(), context.getRequiredTestMethod().getName(),
                    outcome, reason, backend, images(backend, run));
        } catch (RuntimeException e) {
            System.err.println("cdc-lab: could not record " + context.getDisplayName() + " in the report: " + e);
        }
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
