package io.cdclab.backend.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;

/** Deletes every object below one prefix of a bucket, and nothing else: a run's clean-up in S3. */
public final class S3Prefix {
    private static final Logger LOG = LoggerFactory.getLogger(S3Prefix.class);

    private S3Prefix() {
    }

    /** Deletes {@code s3://bucket/prefix/...} in batches of up to 1000 keys; returns how many objects went. */
    public static int deleteAll(S3Client s3, String bucket, String prefix) {
        String folder = prefix.endsWith("/") ? prefix : prefix + "/"; // "run-1/" never matches "run-10/..."
        if (folder.equals("/")) {
            throw new IllegalArgumentException("Refusing to delete a whole bucket: the prefix is empty");
        }
        int deleted = 0;
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(folder).continuationToken(token).build());
            List<ObjectIdentifier> keys = page.contents().stream().map(S3Object::key)
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(d -> d.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true).build()));
                deleted += keys.size();
            }
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        LOG.info("aws: deleted {} objects below s3://{}/{}", deleted, bucket, folder);
        return deleted;
    }
}
