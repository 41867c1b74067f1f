package io.cdclab.backend.containers;

import io.cdclab.settings.LabSettings;
import io.cdclab.backend.containers.images.BaseImage;
import io.cdclab.backend.containers.images.BuiltImages;
import io.cdclab.backend.containers.images.LabImages;
import io.cdclab.gluelake.MotoServer;
import io.cdclab.util.Timer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Network;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The moto image the lab builds from this machine's moto installation honours motoserver/moto's contract as the
 * lab's {@link MotoContainer} uses it: moto_server on {@code MOTO_PORT}, {@code /moto-api/} answering, and
 * {@code INITIAL_NO_AUTH_ACTION_COUNT} unsigned requests accepted before authentication is enforced. Skipped, saying
 * so, where moto_server is not installed (there is nothing to build the image from).
 */
@RequiresDockerEngine(whateverTheBackend = true)
class BuiltMotoImageContractTest {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltMotoImageContractTest.class);

    @Test
    void moto_theLabsContainer_servesS3_andEnforcesAuthAfterTheUnsignedSetUpRequests() {
        LabSettings run = LabSettings.fromSystemProperties();
        Assumptions.assumeTrue(MotoServer.locate(run).isPresent(), "the built moto image copies this machine's "
                + "moto_server, and none is installed; " + MotoServer.INSTALL_HINT);
        Timer timer = Timer.start();
        LabImages images = BuiltImages.onTestcontainersEngine().ensureWithMoto(BaseImage.from(run), run);
        LOG.info("contract: built images with moto ready in {}", timer.seconds());
        assertThat(images.moto()).hasValueSatisfying(name -> assertThat(name.asCanonicalNameString())
                .matches("localhost/cdc-lab-moto:5\\.2\\.1-[0-9a-f]{12}"));
        try (Network network = Network.newNetwork();
             MotoContainer moto = new MotoContainer(network, 1, images.moto().orElseThrow())) {
            timer = Timer.start();
            moto.start(); // its wait strategy: /moto-api/ answers 200
            LOG.info("contract: MotoContainer on {} started in {}", images.moto().get(), timer.seconds());
            // A key pair moto never issued: accepted while set-up requests pass unchecked, refused after them.
            try (S3Client s3 = S3Client.builder().endpointOverride(moto.hostEndpoint()).forcePathStyle(true)
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "not-issued-by-moto-0000000000000000000")))
                    .build()) {
                s3.createBucket(b -> b.bucket("lab-set-up"));
                assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("lab-after-set-up")))
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                        });
            }
        }
    }
}
