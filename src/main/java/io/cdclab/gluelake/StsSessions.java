package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Instant;
import java.util.Optional;

/**
 * Short STS sessions for the real-STS run. The request is built apart from the call, so what is asked of STS is
 * checked without an account. The STS client comes with the AWS SDK that iceberg-aws-bundle already carries.
 */
public final class StsSessions {
    private StsSessions() {
    }

    /** A temporary key pair and when AWS stops accepting it. */
    public record Session(AwsCredentials credentials, Instant expiration) {
    }

    static AssumeRoleRequest assumeRole(StsRunSettings settings) {
        return AssumeRoleRequest.builder()
                .roleArn(settings.roleArn().orElseThrow())
                .roleSessionName(settings.sessionName())
                .durationSeconds((int) settings.sessionDuration().toSeconds())
                .build();
    }

    static GetSessionTokenRequest getSessionToken(StsRunSettings settings) {
        return GetSessionTokenRequest.builder().durationSeconds((int) settings.sessionDuration().toSeconds()).build();
    }

    /**
     * Asks STS for a session: AssumeRole with a role, else GetSessionToken, which STS refuses to callers holding a
     * session already ({@code callerHasSessionToken}); that case fails here, naming the way out.
     */
    public static Session issue(StsClient sts, StsRunSettings settings, boolean callerHasSessionToken) {
        if (settings.roleArn().isEmpty() && callerHasSessionToken) {
            throw new LabException("The real-STS run needs -D" + StsRunSettings.ROLE_ARN + " when the caller's own "
                    + "credentials are temporary (AWS_SESSION_TOKEN is set): STS refuses GetSessionToken to a session.");
        }
        try {
            Credentials c = settings.roleArn().isPresent()
                    ? sts.assumeRole(assumeRole(settings)).credentials()
                    : sts.getSessionToken(getSessionToken(settings)).credentials();
            return new Session(new AwsCredentials(c.accessKeyId(), Secret.of(c.secretAccessKey()),
                    Optional.of(Secret.of(c.sessionToken()))), c.expiration());
        } catch (StsException e) {
            // STS's message names the call and the reason (e.g. not authorized to assume the role); no secret.
            throw new LabException("STS refused the session for the real-STS run: " + e.awsErrorDetails().errorCode()
                    + " " + e.awsErrorDetails().errorMessage(), e);
        }
    }
}
