package io.cdclab.gluelake;

import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the aws backend puts the lake: an existing bucket ({@code -Dlab.aws.bucket}), a prefix in it
 * ({@code -Dlab.aws.prefix}, default {@code cdc-lab}) and the region ({@code -Dlab.aws.region}, else the AWS
 * provider chain: AWS_REGION, AWS_DEFAULT_REGION, the profile). Each run writes below its own
 * {@code <prefix>/<run id>/}, which is what its clean-up removes.
 */
public record AwsSettings(String bucket, String prefix, String region, String runId, boolean keep) {
    public static final String BUCKET = LabSettings.AWS_BUCKET;
    public static final String PREFIX = LabSettings.AWS_PREFIX;
    public static final String REGION = LabSettings.AWS_REGION;
    public static final String KEEP = LabSettings.KEEP;

    /**
     * Reads the settings; every missing one is named in one error. {@code chainRegion} asks the AWS provider chain
     * and is only called when neither the property nor the environment gives a region.
     */
    public static AwsSettings from(LabSettings settings, Map<String, String> env,
                                   Supplier<Optional<String>> chainRegion) {
        return from(settings.asMap(), env, chainRegion);
    }

    /** As {@link #from(LabSettings, Map, Supplier)}, from the settings as a map of property names. */
    public static AwsSettings from(Map<String, String> properties, Map<String, String> env,
                                   Supplier<Optional<String>> chainRegion) {
        List<String> missing = new ArrayList<>();
        String bucket = blankToNull(properties.get(BUCKET));
        if (bucket == null) {
            missing.add("-D" + BUCKET + " (an existing S3 bucket the credentials may write to)");
        }
        String region = Optional.ofNullable(blankToNull(properties.get(REGION)))
                .or(() -> Optional.ofNullable(blankToNull(env.get("AWS_REGION"))))
                .or(() -> Optional.ofNullable(blankToNull(env.get("AWS_DEFAULT_REGION"))))
                .or(chainRegion)
                .orElse(null);
        if (region == null) {
            missing.add("AWS_REGION (or -D" + REGION + ", or a region in the AWS profile)");
        }
        if (!missing.isEmpty()) {
            throw new LabException("The aws backend (-Paws) is missing " + String.join(", ", missing)
                    + ". See docs/BACKENDS.md.");
        }
        String prefix = Optional.ofNullable(blankToNull(properties.get(PREFIX))).orElse("cdc-lab");
        prefix = prefix.replaceAll("^/+|/+$", "");
        return new AwsSettings(bucket, prefix, region, newRunId(), Boolean.parseBoolean(properties.get(KEEP)));
    }

    /** The settings of a lake on an emulated account, which the lab creates itself: nothing to ask the user. */
    public static AwsSettings emulated(String bucket, String region, boolean keep) {
        return new AwsSettings(bucket, "cdc-lab", region, newRunId(), keep);
    }

    /** {@code <prefix>/<run id>}: everything this run writes to S3 lives below it. */
    public String runPrefix() {
        return prefix + "/" + runId;
    }

    public String warehouse() {
        return "s3://" + bucket + "/" + runPrefix();
    }

    private static String newRunId() {
        return "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + Secret.random(3).reveal();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
