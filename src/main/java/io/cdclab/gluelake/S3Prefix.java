package io.cdclab.gluelake;

import io.cdclab.errors.LabException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;

/**
 * Deletes every object below one prefix of a bucket, and nothing else: a run's clean-up in S3. On a versioned
 * bucket this adds delete markers and keeps the old versions (a lifecycle rule on the prefix removes them).
 */
public final class S3Prefix {
    private static final Logger LOG = LoggerFactory.getLogger(S3Prefix.class);

    private S3Prefix() {
    }

    /** Deletes {@code s3://bucket/prefix/...} in batches of up to 1000 keys; returns how many objects went. */
    public static int deleteAll(S3Client s3, String bucket, String prefix) {
        return deleteAll(s3, bucket, prefix, true);
    }

    /**
     * As {@link #deleteAll(S3Client, String, String)}; {@code serverFiltersPrefix} false lists the whole bucket
     * and filters here. moto 5.2 miscomputes the signature of a listing whose prefix holds a slash (the Java SDK
     * leaves it unencoded in the query, moto's canonical request does not re-encode it): its buckets are the
     * lab's own and small, so the emulated lake lists them whole.
     */
    public static int deleteAll(S3Client s3, String bucket, String prefix, boolean serverFiltersPrefix) {
        String folder = prefix.endsWith("/") ? prefix : prefix + "/"; // "run-1/" never matches "run-10/..."
        if (folder.equals("/")) {
            throw new IllegalArgumentException("Refusing to delete a whole bucket: the prefix is empty");
        }
        int deleted = 0;
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(serverFiltersPrefix ? folder : null).continuationToken(token).build());
            List<ObjectIdentifier> keys = page.contents().stream().map(S3Object::key).filter(k -> k.startsWith(folder))
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            if (!keys.isEmpty()) {
                // Quiet mode answers 200 and lists only the keys it could not delete: those must not pass unseen.
                var failed = s3.deleteObjects(d -> d.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true)
                        .build())).errors();
                if (!failed.isEmpty()) {
                    var first = failed.get(0);
                    throw new LabException("S3 refused to delete " + failed.size() + " of "
                            + keys.size() + " objects below s3://" + bucket + "/" + folder + ", e.g. " + first.key()
                            + ": " + first.code() + " " + first.message() + " (needs s3:DeleteObject on them)");
                }
                deleted += keys.size();
            }
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        LOG.info("aws: deleted {} objects below s3://{}/{}", deleted, bucket, folder);
        return deleted;
    }
}
