package io.cdclab.backend.containers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.errors.LabException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.URI;

/** Creates the lake's bucket in the S3 container through the S3 API, with the pipeline's key pair. */
final class S3Bucket {
    private S3Bucket() {
    }

    static void create(URI endpoint, String region, AwsCredentials credentials, String bucket) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey().reveal())))
                .build()) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            throw new LabException("Could not create bucket " + bucket + " at " + endpoint + ": "
                    + e.awsErrorDetails().errorCode() + " " + e.awsErrorDetails().errorMessage(), e);
        }
    }
}
