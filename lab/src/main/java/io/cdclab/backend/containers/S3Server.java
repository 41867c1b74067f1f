package io.cdclab.backend.containers;

import io.cdclab.topology.LabException;
import io.cdclab.topology.Secret;
import org.testcontainers.containers.Network;

import java.util.Locale;
import java.util.Optional;

/**
 * Which S3 server the containers backend runs, chosen with {@code -Dlab.containers.s3=minio|localstack}. MinIO is
 * the default because it enforces keys: a revoked key pair gets 403, so the credential fault scenarios mean the
 * same as on the embedded backend. LocalStack accepts any key pair; it is kept for teams that already use it.
 */
public enum S3Server {
    MINIO, LOCALSTACK;

    public static final String PROPERTY = "lab.containers.s3";

    public static S3Server fromSystemProperties() {
        return parse(System.getProperty(PROPERTY));
    }

    /** {@code minio} when blank; any other value than the two names fails, naming them. */
    public static S3Server parse(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "minio" -> MINIO;
            case "localstack" -> LOCALSTACK;
            default -> throw new LabException("-D" + PROPERTY + "=" + value + " is not an S3 server of the containers "
                    + "backend. Choose minio (enforces keys; the default) or localstack (accepts any key).");
        };
    }

    S3Container define(Network network, String region, Secret rootPassword) {
        return switch (this) {
            case MINIO -> {
                MinioS3Container minio = new MinioS3Container(network, region, rootPassword);
                yield new S3Container(minio, MinioS3Container.PORT, NetworkAliases.MINIO, MinioS3Container.HEALTH_PATH,
                        Optional.of(minio.admin()));
            }
            case LOCALSTACK -> new S3Container(new LocalStackS3Container(network, region), LocalStackS3Container.PORT,
                    NetworkAliases.LOCALSTACK, LocalStackS3Container.HEALTH_PATH, Optional.empty());
        };
    }
}
