package io.cdclab.gluelake;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The opt-in real-STS run on the aws backend: the sink gets a short STS session, and the run watches what the sink
 * sees when it expires under load, then rotates. It takes at least 15 minutes and uses a real AWS account, so it
 * runs only with all of: {@code -Paws}, AWS credentials in the environment, and {@code -Dlab.aws.sts=true}.
 *
 * <p>The session comes from {@code AssumeRole} when {@code -Dlab.aws.sts.role-arn} names a role (works with any
 * caller credentials), else from {@code GetSessionToken} (needs an IAM user's long-term keys: STS refuses it to a
 * caller that already holds a session). {@code -Dlab.aws.sts.duration-seconds} defaults to 900, STS's minimum.
 */
public record StsRunSettings(Duration sessionDuration, Optional<String> roleArn, String sessionName) {
    public static final String ENABLED = LabSettings.AWS_STS;
    public static final String ROLE_ARN = LabSettings.AWS_STS_ROLE_ARN;
    public static final String DURATION = LabSettings.AWS_STS_DURATION;
    /** STS's shortest session, for both calls. */
    public static final int MIN_SECONDS = 900;
    /** AssumeRole's longest (a role's own maximum may be lower); GetSessionToken allows more, which no run needs. */
    public static final int MAX_SECONDS = 43_200;

    /**
     * Why the run does not happen here, or empty when it may: the reasons are checked in the order a person would
     * fix them, and only names (never values) of variables are reported.
     */
    public static Optional<String> skipReason(LabSettings settings, Map<String, String> env) {
        return skipReason(settings.asMap(), env);
    }

    /** As {@link #skipReason(LabSettings, Map)}, from the settings as a map of property names. */
    public static Optional<String> skipReason(Map<String, String> properties, Map<String, String> env) {
        if (!"aws".equals(properties.getOrDefault(LabSettings.BACKEND, "").trim())) {
            return Optional.of("real-STS run skipped: it needs the aws backend (-Paws)");
        }
        if (!Boolean.parseBoolean(properties.getOrDefault(ENABLED, "false").trim())) {
            return Optional.of("real-STS run skipped: opt in with -D" + ENABLED + "=true (it takes 15+ minutes on a real "
                    + "AWS account)");
        }
        boolean keys = present(env, "AWS_ACCESS_KEY_ID") && present(env, "AWS_SECRET_ACCESS_KEY");
        if (!keys && !present(env, "AWS_PROFILE")) {
            return Optional.of("real-STS run skipped: no AWS credentials in the environment (AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)");
        }
        return Optional.empty();
    }

    /** Reads the run's settings; every bad one is named in one error. */
    public static StsRunSettings from(LabSettings settings) {
        return from(settings.asMap());
    }

    /** As {@link #from(LabSettings)}, from the settings as a map of property names. */
    public static StsRunSettings from(Map<String, String> properties) {
        List<String> problems = new ArrayList<>();
        int seconds = MIN_SECONDS;
        String raw = properties.get(DURATION);
        if (raw != null && !raw.isBlank()) {
            try {
                seconds = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
                problems.add("-D" + DURATION + "=" + raw + " (a whole number of seconds from " + MIN_SECONDS + " to "
                        + MAX_SECONDS + ")");
            }
        }
        Optional<String> role = Optional.ofNullable(properties.get(ROLE_ARN)).map(String::trim).filter(s -> !s.isEmpty());
        if (role.isPresent() && !role.get().matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+")) {
            problems.add("-D" + ROLE_ARN + "=" + role.get() + " (an IAM role ARN, arn:aws:iam::<account>:role/<name>)");
        }
        if (!problems.isEmpty()) {
            throw new LabException("The real-STS run has bad settings: " + String.join(", ", problems) + ".");
        }
        return new StsRunSettings(Duration.ofSeconds(seconds), role, "cdc-lab-sts-" + System.currentTimeMillis());
    }

    private static boolean present(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
