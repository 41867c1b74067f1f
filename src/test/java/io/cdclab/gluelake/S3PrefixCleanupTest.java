package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.servers.S3ProxyServer;
import io.cdclab.util.Ports;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aws backend's S3 clean-up, against the embedded S3 server (S3Proxy, real SigV4): only the run's prefix goes. */
class S3PrefixCleanupTest {
    @TempDir
    static Path runDir;
    // Both closed by JUnit after the last test (@AutoClose skips a field still null).
    @AutoClose("stop")
    private static S3ProxyServer server;
    @AutoClose
    private static S3Client s3;

    @BeforeAll
    static void startS3() {
        AwsCredentials credentials = AwsCredentials.generate();
        server = new S3ProxyServer(RuntimeLayout.locate(), runDir, Ports.free(), credentials);
        server.start();
        s3 = S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey().reveal())))
                .build();
        s3.createBucket(b -> b.bucket("team-lake"));
    }

    @Test
    void deletesEveryObjectBelowTheRunsPrefix_andNothingElse() {
        for (int i = 0; i < 1005; i++) { // more than one page of 1000 keys
            put("cdc-lab/run-1/cdc_k1.db/t/data/" + i + ".parquet");
        }
        put("cdc-lab/run-1/cdc_k1.db/t/metadata/v1.metadata.json");
        put("cdc-lab/run-10/cdc_k1.db/t/metadata/v1.metadata.json"); // another run whose id starts the same
        put("cdc-lab/run-2/keep.json");
        put("other-team/data.parquet");

        int deleted = S3Prefix.deleteAll(s3, "team-lake", "cdc-lab/run-1");

        assertThat(deleted).isEqualTo(1006);
        assertThat(keys()).containsExactlyInAnyOrder("cdc-lab/run-10/cdc_k1.db/t/metadata/v1.metadata.json",
                "cdc-lab/run-2/keep.json", "other-team/data.parquet");
        assertThat(S3Prefix.deleteAll(s3, "team-lake", "cdc-lab/run-1/")).isZero();
    }

    @Test
    void anEmptyPrefix_isRefused() {
        assertThatThrownBy(() -> S3Prefix.deleteAll(s3, "team-lake", "")).hasMessageContaining("whole bucket");
    }

    private static void put(String key) {
        s3.putObject(b -> b.bucket("team-lake").key(key), RequestBody.fromString("x"));
    }

    private static List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket("team-lake")).contents().stream().map(S3Object::key).toList();
    }
}
