package io.cdclab.endpoints;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A key pair for the object store, as the seed passes it to the Connect container: AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and, for temporary credentials, AWS_SESSION_TOKEN. The access key id is not secret
 * (it appears in S3 error messages); the secret key and the session token are.
 */
public record AwsCredentials(String accessKeyId, Secret secretAccessKey, Optional<Secret> sessionToken) {

    /** A fresh key pair in the AWS shape (20-character id, 40-character secret) for the lab's own store. */
    public static AwsCredentials generate() {
        String id = ("LAB" + Secret.random(9).reveal()).toUpperCase(Locale.ROOT).substring(0, 20);
        String secret = Secret.random(20).reveal();
        return new AwsCredentials(id, Secret.of(secret), Optional.empty());
    }

    /**
     * The variables the AWS SDK's default chain reads for this key pair, as the seed passes them to its Connect
     * container (values revealed: for a server's environment only).
     */
    public Map<String, String> environment(String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey.reveal());
        sessionToken.ifPresent(t -> env.put("AWS_SESSION_TOKEN", t.reveal()));
        env.put("AWS_REGION", region);
        return env;
    }

    /**
     * This key pair as profile {@code default} of an AWS shared credentials file (values revealed: for a file only
     * the worker reads), the file the SDK's ProfileCredentialsProvider reloads when it changes.
     */
    public String sharedCredentialsProfile() {
        StringBuilder profile = new StringBuilder("[default]\n")
                .append("aws_access_key_id = ").append(accessKeyId).append('\n')
                .append("aws_secret_access_key = ").append(secretAccessKey.reveal()).append('\n');
        sessionToken.ifPresent(t -> profile.append("aws_session_token = ").append(t.reveal()).append('\n'));
        return profile.toString();
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=******"
                + sessionToken.map(t -> ", sessionToken=******").orElse("") + "]";
    }
}
