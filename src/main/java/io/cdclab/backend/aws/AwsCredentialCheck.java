package io.cdclab.backend.aws;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials the aws backend runs with through the standard AWS provider chain, and fails before
 * anything starts when there are none, naming the variables to set. The chain's answer is resolved once and handed
 * to the Connect worker as AWS_* variables (temporary credentials then last as long as their session).
 */
public final class AwsCredentialCheck {
    /** Any of these tells the chain where to look besides AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY. */
    static final List<String> OTHER_SOURCES = List.of("AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI");

    private AwsCredentialCheck() {
    }

    public static AwsCredentials resolve(Map<String, String> env, Path userHome, AwsCredentialsProvider chain) {
        boolean hasId = present(env, "AWS_ACCESS_KEY_ID");
        boolean hasSecret = present(env, "AWS_SECRET_ACCESS_KEY");
        if (hasId != hasSecret) {
            throw new LabException("The aws backend (-Paws) found " + (hasId ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY")
                    + " but not " + (hasId ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") + "; set both.");
        }
        boolean visibleSource = hasId || OTHER_SOURCES.stream().anyMatch(v -> present(env, v))
                || Files.exists(profileFile(env, "AWS_SHARED_CREDENTIALS_FILE", userHome.resolve(".aws/credentials")))
                || Files.exists(profileFile(env, "AWS_CONFIG_FILE", userHome.resolve(".aws/config")));
        // The chain is always asked, as the SDK would: it also finds what no variable shows (an instance profile,
        // an ECS/EKS role, a profile file named by AWS_SHARED_CREDENTIALS_FILE or AWS_CONFIG_FILE).
        try {
            var resolved = chain.resolveCredentials();
            Optional<Secret> token = resolved instanceof AwsSessionCredentials session
                    ? Optional.of(Secret.of(session.sessionToken())) : Optional.empty();
            return new AwsCredentials(resolved.accessKeyId(), Secret.of(resolved.secretAccessKey()), token);
        } catch (SdkClientException e) {
            // The chain's message lists the sources it tried and why each failed; it holds no secret.
            if (!visibleSource) {
                throw new LabException("The aws backend (-Paws) found no AWS credentials: set AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones), or AWS_PROFILE with "
                        + "~/.aws/config, or run where a role is provided (instance profile, AWS_WEB_IDENTITY_TOKEN_FILE, "
                        + "AWS_CONTAINER_CREDENTIALS_*). See docs/BACKENDS.md. The AWS SDK's chain said: "
                        + e.getMessage(), e);
            }
            throw new LabException("The aws backend (-Paws) could not load AWS credentials: " + e.getMessage(), e);
        }
    }

    /** The profile file the SDK reads: the one the variable names, else the default below the home folder. */
    private static Path profileFile(Map<String, String> env, String variable, Path fallback) {
        return present(env, variable) ? Path.of(env.get(variable)) : fallback;
    }

    private static boolean present(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
