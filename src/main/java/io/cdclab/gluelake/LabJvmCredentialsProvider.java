package io.cdclab.gluelake;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.util.Map;

/**
 * Credentials for the lab's own Spark catalog on an emulated AWS account, where the lab reads as its admin user
 * while the sink holds its own session. GlueCatalog takes credentials only from {@code client.credentials-provider}
 * or the default chain; Iceberg calls {@link #create(Map)} with the {@code client.credentials-provider.*}
 * properties. On real AWS the lab sets no provider: the default chain answers, as it does for the seed's users.
 */
public final class LabJvmCredentialsProvider implements AwsCredentialsProvider {
    static final String ACCESS_KEY_ID = "access-key-id";
    static final String SECRET_ACCESS_KEY = "secret-access-key";
    static final String SESSION_TOKEN = "session-token";

    private final AwsCredentials credentials;

    private LabJvmCredentialsProvider(AwsCredentials credentials) {
        this.credentials = credentials;
    }

    public static LabJvmCredentialsProvider create(Map<String, String> properties) {
        String id = properties.get(ACCESS_KEY_ID);
        String secret = properties.get(SECRET_ACCESS_KEY);
        if (id == null || secret == null) {
            throw new IllegalArgumentException("client.credentials-provider." + ACCESS_KEY_ID + " and ."
                    + SECRET_ACCESS_KEY + " must both be set for " + LabJvmCredentialsProvider.class.getName());
        }
        String token = properties.get(SESSION_TOKEN);
        return new LabJvmCredentialsProvider(token == null ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token));
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return credentials;
    }

    @Override
    public String toString() {
        return "LabJvmCredentialsProvider[" + credentials.accessKeyId() + "]";
    }
}
