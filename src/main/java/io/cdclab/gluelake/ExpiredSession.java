package io.cdclab.gluelake;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.List;
import java.util.Set;

/**
 * How an expired STS session shows. The error code is in {@link AwsServiceException#awsErrorDetails()}, never in
 * the SDK's exception message, and a task's trace in Connect is only that message: S3 says "The provided token has
 * expired.", Glue "The security token included in the request is expired". Both forms are recognised here.
 */
public final class ExpiredSession {
    static final Set<String> CODES = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");
    static final List<String> TEXTS = List.of("The provided token has expired",
            "The security token included in the request is expired", "ExpiredToken");

    private ExpiredSession() {
    }

    /** Whether {@code failure} or one of its causes is AWS refusing an expired session. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    && CODES.contains(aws.awsErrorDetails().errorCode())) {
                return true;
            }
            if (t.getMessage() != null && isIn(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a trace or log text shows an expired session. */
    public static boolean isIn(String text) {
        return TEXTS.stream().anyMatch(text::contains);
    }
}
