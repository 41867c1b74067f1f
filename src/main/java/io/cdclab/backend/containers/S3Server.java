package io.cdclab.backend.containers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which S3 server the containers backend runs, chosen with {@code -Dlab.containers.s3=s3proxy|localstack}. S3Proxy
 * is the default because it enforces keys (a revoked key pair gets 403, so the credential fault scenarios mean the
 * same as on the embedded backend, which runs the same server) and its image needs no account. LocalStack accepts
 * any key pair, keeps S3 in memory and needs an auth token; it is kept for teams that already use it.
 */
public enum S3Server {
    S3PROXY, LOCALSTACK;

    public static final String PROPERTY = LabSettings.CONTAINERS_S3;

    public static S3Server from(LabSettings settings) {
        return parse(settings.get(PROPERTY).orElse(null));
    }

    /** {@code s3proxy} when blank; any other value than the two names fails, naming them. */
    public static S3Server parse(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "s3proxy" -> S3PROXY;
            case "localstack" -> LOCALSTACK;
            case "minio" -> throw new LabException("-D" + PROPERTY + "=minio is no longer available: MinIO's images "
                    + "were deleted from Docker Hub in 2026. Leave it unset for s3proxy (enforces keys, like MinIO did), "
                    + "or choose localstack (needs " + LocalStackS3Container.AUTH_TOKEN_VAR + ").");
            default -> throw new LabException("-D" + PROPERTY + "=" + value + " is not an S3 server of the containers "
                    + "backend. Choose s3proxy (enforces keys; the default) or localstack (accepts any key; needs "
                    + LocalStackS3Container.AUTH_TOKEN_VAR + ").");
        };
    }

    /**
     * The S3 container for this server, accepting {@code pipelineKeys} where it checks keys. {@code environment}
     * is the lab's (LocalStack's auth token comes from there); a missing setting fails before anything starts.
     */
    S3Container define(Network network, String region, AwsCredentials pipelineKeys, Map<String, String> environment,
                       DockerImageName s3ProxyImage) {
        return switch (this) {
            case S3PROXY -> {
                S3ProxyContainer proxy = new S3ProxyContainer(network, pipelineKeys, s3ProxyImage);
                yield new S3Container("s3", proxy, S3ProxyContainer.PORT, NetworkAliases.S3PROXY, S3ProxyContainer.HEALTH_PATH,
                        Optional.of(proxy), Optional.empty(), List.of());
            }
            case LOCALSTACK -> {
                Secret token = localStackToken(environment);
                yield new S3Container("s3", new LocalStackS3Container(network, region, token), LocalStackS3Container.PORT,
                        NetworkAliases.LOCALSTACK, LocalStackS3Container.HEALTH_PATH, Optional.empty(),
                        Optional.of("LocalStack keeps S3 in memory, so a restarted container would come back without "
                                + "the lake. Restart faults on S3 run on the default store (-D" + PROPERTY + "=s3proxy)."),
                        List.of(token));
            }
        };
    }

    private static Secret localStackToken(Map<String, String> environment) {
        String token = environment.get(LocalStackS3Container.AUTH_TOKEN_VAR);
        if (token == null || token.isBlank()) {
            throw new LabException("-D" + PROPERTY + "=localstack needs a LocalStack auth token: set the environment "
                    + "variable " + LocalStackS3Container.AUTH_TOKEN_VAR + " (every LocalStack image since March 2026 "
                    + "requires one), or leave -D" + PROPERTY + " unset to run s3proxy, which needs no account.");
        }
        return Secret.of(token.trim());
    }
}
