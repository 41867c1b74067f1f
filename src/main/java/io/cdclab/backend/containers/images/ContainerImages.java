package io.cdclab.backend.containers.images;

import org.testcontainers.utility.DockerImageName;

import java.util.List;

/**
 * Every image the containers backend runs, pinned, in one place. Tags follow the Maven versions in the root
 * pom.xml where the image carries a Maven-built server, so that the containers backend runs the same releases as
 * the embedded one.
 */
public final class ContainerImages {

    /** The official PostgreSQL image; 16.10 is the release the embedded backend's binaries carry. */
    public static final DockerImageName POSTGRES = DockerImageName.parse("postgres:16.10");

    /**
     * The official Apache Kafka image (KRaft, no ZooKeeper), the same release as {@code kafka.version}. The seed's
     * Bitnami image moved to an unmaintained legacy repository in 2025.
     */
    public static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.3.1");

    /**
     * Debezium's Connect image for {@code debezium.version} (3.7.1.Final): Kafka Connect with the Debezium
     * connectors in {@code /kafka/connect}. The Iceberg sink and the lab's partitioner are copied in from the
     * Maven-filled plugin folders.
     */
    public static final DockerImageName CONNECT = DockerImageName.parse("quay.io/debezium/connect:3.7.1.Final");

    /**
     * S3Proxy's own image (Andrew Gaul publishes it on Docker Hub, tagged by release), the default S3 store. 4.1.1
     * is of the 4.1 line the embedded backend runs from Maven ({@code s3proxy.version} 4.1.0); S3Proxy 4.x reads
     * its keys from {@code *_FILE} variables and answers {@code /healthz}, both of which the lab relies on.
     * MinIO's images, the earlier default, were deleted from Docker Hub in 2026 ({@code quay.io/minio/minio} is
     * frozen).
     */
    public static final DockerImageName S3PROXY = DockerImageName.parse("andrewgaul/s3proxy:4.1.1");

    /**
     * LocalStack for S3, only with {@code -Dlab.containers.s3=localstack} and an auth token (every LocalStack image
     * since March 2026 needs {@code LOCALSTACK_AUTH_TOKEN}; its Glue is Pro-only).
     */
    public static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack:4.14.0");

    /**
     * moto's server (Glue, S3, STS, IAM on one port), the same 5.2.1 as the moto_server installed on these
     * machines: the AWS account of the Glue lake (the containers backend's MotoContainer).
     */
    public static final DockerImageName MOTO = DockerImageName.parse("motoserver/moto:5.2.1");

    private ContainerImages() {
    }

    /** Every image the backend may run. */
    public static List<DockerImageName> all() {
        return List.of(POSTGRES, KAFKA, CONNECT, S3PROXY, LOCALSTACK, MOTO);
    }
}
