package io.cdclab.profiles;

import io.cdclab.settings.LabSettings;

import java.util.Locale;

/**
 * Which worker and connector settings a topology runs with: the lab's defaults, or the {@link RecoveryProfile}
 * that bounds how long a pipeline takes to recover from a fault. {@link #CONFIGURED} reads {@code -Dlab.profile}
 * ({@link LabProfiles}: {@code recovery} among its names, else the defaults).
 */
public enum SettingsProfile {
    CONFIGURED, DEFAULT, RECOVERY;

    public static final String PROPERTY = LabProfiles.PROPERTY;

    /** This profile, or the one {@code -Dlab.profile} names for {@link #CONFIGURED}. */
    public SettingsProfile resolve(LabSettings settings) {
        if (this != CONFIGURED) {
            return this;
        }
        return LabProfiles.configured(settings).contains("recovery") ? RECOVERY : DEFAULT;
    }

    /** The name reports use: "default" or "recovery" (of a resolved profile). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
