package io.cdclab.backend.containers;

import org.testcontainers.utility.DockerImageName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every image the containers backend runs, pinned, in one place. Tags follow the Maven versions in the root
 * pom.xml, so that the containers backend runs the same releases as the embedded one.
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
     * Debezium's Connect image for {@code debezium.version} (3.6.1.Final): Kafka Connect with the Debezium
     * connectors in {@code /kafka/connect}. The Iceberg sink is copied in from the Maven-filled plugin folder.
     */
    public static final DockerImageName CONNECT = DockerImageName.parse("quay.io/debezium/connect:3.6.1.Final");

    /**
     * LocalStack community edition for S3. Tags after 4.14.0 (and {@code latest}) need an auth token since 2026;
     * this one does not.
     */
    public static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack:4.14.0");

    /**
     * MinIO, the default S3 server (it enforces keys). MinIO publishes no community images since October 2025 and
     * removed its Docker Hub repository in 2026; MinIO's own quay.io repository still serves this last community
     * release. Marked as a substitute for {@code minio/minio}, the name Testcontainers' MinIO module checks.
     */
    public static final DockerImageName MINIO = DockerImageName.parse("quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z")
            .asCompatibleSubstituteFor("minio/minio");

    private ContainerImages() {
    }

    /** By service name, with the S3 server that {@code s3} chose; for the logs and docs/BACKENDS.md. */
    public static Map<String, DockerImageName> byService(S3Server s3) {
        Map<String, DockerImageName> images = new LinkedHashMap<>();
        images.put("postgres", POSTGRES);
        images.put("kafka", KAFKA);
        images.put("connect", CONNECT);
        images.put("s3", s3 == S3Server.MINIO ? MINIO : LOCALSTACK);
        return images;
    }

    /** Every image the backend may run. */
    public static List<DockerImageName> all() {
        return List.of(POSTGRES, KAFKA, CONNECT, MINIO, LOCALSTACK);
    }
}
