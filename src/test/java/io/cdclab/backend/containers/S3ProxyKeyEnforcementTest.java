package io.cdclab.backend.containers;

import io.cdclab.settings.LabSettings;
import io.cdclab.endpoints.AwsCredentials;
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

import java.net.HttpURLConnection;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3Proxy's container alone, for real: the pipeline's pair writes; after a key rotation (new key files, graceful
 * restart of the same container) the old pair gets 403 InvalidAccessKeyId, the new one works and the data written
 * before is still there. Skipped, with the reason, without a Docker engine.
 */
@RequiresDockerEngine
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ProxyKeyEnforcementTest {
    private static final String REGION = "eu-west-1";
    private final AwsCredentials first = AwsCredentials.generate();
    private Network network;
    private S3ProxyContainer proxy;
    private ContainerService service;

    @BeforeAll
    void start() {
        network = Network.newNetwork();
        // On the run's image source (-Dlab.containers.images): the built image reads its key files at every start too.
        proxy = new S3ProxyContainer(network, first,
                ContainersBackend.imagesFromSettings(LabSettings.fromSystemProperties(), false, S3Server.S3PROXY).s3proxy());
        service = new ContainerService("s3", new TestcontainersDockerCalls(proxy), () -> {
            HttpURLConnection http = (HttpURLConnection) URI.create(proxy.hostEndpoint() + S3ProxyContainer.HEALTH_PATH)
                    .toURL().openConnection();
            try {
                return http.getResponseCode() == 200;
            } finally {
                http.disconnect();
            }
        });
        service.start();
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.remove();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aRotatedKeyPairIsRefused_theNewOneIsAccepted_andTheDataStays() {
        S3Bucket.create(proxy.hostEndpoint(), REGION, first, "lake");
        try (S3Client s3 = client(first)) {
            s3.putObject(b -> b.bucket("lake").key("before.txt"), RequestBody.fromString("written with the first pair"));
        }

        AwsCredentials second = AwsCredentials.generate();
        proxy.useKeys(second);
        service.restart();

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
        assertThat(proxy.getLogs()).as("S3Proxy's output holds no secret key")
                .doesNotContain(first.secretAccessKey().reveal(), second.secretAccessKey().reveal());
    }

    private S3Client client(AwsCredentials keys) {
        return S3Client.builder().endpointOverride(proxy.hostEndpoint()).forcePathStyle(true).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal())))
                .build();
    }
}
