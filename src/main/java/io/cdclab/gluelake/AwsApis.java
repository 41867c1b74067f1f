package io.cdclab.gluelake;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS APIs the lake uses answer, and as whom the lab's own JVM calls them: real AWS (no endpoint, the
 * region finds it; credentials from the standard chain) or an emulator (one endpoint for Glue, S3, STS and IAM;
 * the lab's admin user). Builds the lab-side SDK clients for set-up, checks and clean-up.
 */
public record AwsApis(Optional<URI> endpoint, String region, AwsCredentialsProvider credentials) {

    public S3Client s3() {
        var builder = S3Client.builder();
        endpoint.ifPresent(e -> builder.forcePathStyle(true));
        return configure(builder).build();
    }

    public GlueClient glue() {
        return configure(GlueClient.builder()).build();
    }

    public DynamoDbClient dynamo() {
        return configure(DynamoDbClient.builder()).build();
    }

    public StsClient sts() {
        return configure(StsClient.builder()).build();
    }

    /** IAM is global: its region is aws-global on real AWS; an emulator takes any. */
    public IamClient iam() {
        var builder = IamClient.builder().credentialsProvider(credentials);
        endpoint.ifPresentOrElse(builder::endpointOverride, () -> builder.region(Region.AWS_GLOBAL));
        endpoint.ifPresent(e -> builder.region(Region.of(region)));
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(region)).credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }
}
