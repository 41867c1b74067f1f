package io.cdclab.servers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.errors.LabException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;

/** Creates the lake's bucket through the S3 API, as a team would with {@code aws s3 mb}. */
public final class Buckets {
    private Buckets() {
    }

    public static void create(URI endpoint, String region, AwsCredentials credentials, String bucket) {
        try (S3Client s3 = client(endpoint, region, credentials)) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            throw new LabException("Could not create bucket " + bucket + " at " + endpoint + ": "
                    + e.awsErrorDetails().errorCode() + " " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    static S3Client client(URI endpoint, String region, AwsCredentials credentials) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey().reveal())))
                .build();
    }
}
