package io.cdclab.backend.containers;

import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.Secret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.containers.Network;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MinIO alone, for real: the pipeline's user is created with {@code mc admin}, writes, and once its key pair is
 * disabled gets 403 InvalidAccessKeyId while a fresh pair works. Skipped, with the reason, without a Docker engine.
 */
@RequiresDockerEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinioKeyEnforcementTest {
    private static final String REGION = "eu-west-1";
    private final Secret root = Secret.random(16);
    private Network network;
    private MinioS3Container minio;

    @BeforeAll
    void start() {
        network = Network.newNetwork();
        minio = new MinioS3Container(network, REGION, root);
        minio.start();
    }

    @AfterAll
    void stop() {
        if (minio != null) {
            minio.stop();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aDisabledKeyPairIsRefused_aFreshOneIsAccepted() {
        AwsCredentials first = AwsCredentials.generate();
        minio.admin().addUser(first);
        S3Bucket.create(endpoint(), REGION, first, "lake");
        try (S3Client s3 = client(first)) {
            s3.putObject(b -> b.bucket("lake").key("before.txt"), RequestBody.fromString("written with the first pair"));
        }

        AwsCredentials second = AwsCredentials.generate();
        MinioAdmin admin = minio.admin();
        admin.addUser(second);
        admin.disableUser(first.accessKeyId());

        try (S3Client s3 = client(first)) {
            assertThatThrownBy(() -> s3.putObject(b -> b.bucket("lake").key("after.txt"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
        }
        try (S3Client s3 = client(second)) {
            s3.putObject(b -> b.bucket("lake").key("after.txt"), RequestBody.fromString("written with the second pair"));
            assertThat(s3.listObjectsV2(b -> b.bucket("lake")).contents()).hasSize(2);
        }
        assertThat(minio.getLogs()).as("MinIO's output holds no root login or key")
                .doesNotContain(root.reveal(), first.secretAccessKey().reveal(), second.secretAccessKey().reveal());
    }

    private URI endpoint() {
        return URI.create("http://" + minio.getHost() + ":" + minio.getMappedPort(MinioS3Container.PORT));
    }

    private S3Client client(AwsCredentials keys) {
        return S3Client.builder().endpointOverride(endpoint()).forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal())))
                .build();
    }
}
