package io.cdclab.junit;

import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test run's settings: the system properties read once, on first use, and kept in the run's root store, so
 * every test class, its topology and the report see the same {@code -Dlab.*} however long the run lasts.
 */
public final class RunSettings {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunSettings.class);

    private RunSettings() {
    }

    /** For the lab's own extensions and a team's: the run's settings, read on first use. */
    public static LabSettings of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LabSettings.class, key -> LabSettings.fromSystemProperties(), LabSettings.class);
    }
}
