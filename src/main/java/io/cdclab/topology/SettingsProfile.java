package io.cdclab.topology;

import java.util.Locale;

/**
 * Which worker and connector settings a topology runs with: the lab's defaults, or the {@link RecoveryProfile}
 * that bounds how long a pipeline takes to recover from a fault. {@link #CONFIGURED} reads {@code -Dlab.profile}
 * ({@code default} or {@code recovery}; unset means {@code default}).
 */
public enum SettingsProfile {
    CONFIGURED, DEFAULT, RECOVERY;

    public static final String PROPERTY = "lab.profile";

    /** This profile, or the one {@code -Dlab.profile} names for {@link #CONFIGURED}. */
    public SettingsProfile resolve() {
        if (this != CONFIGURED) {
            return this;
        }
        String value = System.getProperty(PROPERTY, "default").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "default" -> DEFAULT;
            case "recovery" -> RECOVERY;
            default -> throw new LabException("-D" + PROPERTY + "=" + value + " is not a settings profile. Choose one "
                    + "of: default (the lab's settings), recovery (settings that bound the time to recover from a "
                    + "fault, see RecoveryProfile).");
        };
    }

    /** The name reports use: "default" or "recovery". */
    public String label() {
        return resolve().name().toLowerCase(Locale.ROOT);
    }
}
