package io.cdclab.endpoints;

import java.net.URI;
import java.util.Optional;

/**
 * Where the lake's files live: an S3 endpoint (empty for real AWS, which the SDK finds by region), the bucket
 * and the warehouse prefix, and the credentials the pipeline writes with.
 */
public record ObjectStore(Optional<URI> endpoint, String region, String bucket, String warehousePrefix,
                          AwsCredentials credentials) {

    public String warehouse() {
        return "s3://" + bucket + "/" + warehousePrefix;
    }

    /** One line for people: where the files go, the endpoint, region and key id (the id is not secret). */
    public String summary() {
        return warehouse() + endpoint.map(e -> " at " + e + " (path-style, ").orElse(" (") + "region " + region
                + ", access key " + credentials.accessKeyId() + ")";
    }
}
