package io.cdclab.gluelake;

import io.cdclab.errors.LabException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks, before any server starts, that the lake's bucket exists, that the lab may use it and that it is in the
 * region the lab was given: otherwise the first sign would be a FAILED sink task minutes later (S3FileIO does not
 * follow a bucket into another region unless {@code s3.cross-region-access-enabled} is set).
 */
final class LakePreflight {
    private LakePreflight() {
    }

    static void check(AwsApis apis, AwsSettings settings) {
        try (S3Client s3 = apis.s3()) {
            String location;
            try {
                location = s3.getBucketLocation(b -> b.bucket(settings.bucket())).locationConstraintAsString();
            } catch (S3Exception e) {
                String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
                if ("NoSuchBucket".equals(code) || e.statusCode() == 404) {
                    throw new LabException("The lake's bucket '" + settings.bucket() + "' does not exist"
                            + (apis.endpoint().isPresent() ? " on " + apis.endpoint().get() : " in this AWS account")
                            + ". Create it (aws s3 mb s3://" + settings.bucket() + " --region " + settings.region()
                            + ") or name an existing one with -D" + AwsSettings.BUCKET + ".", e);
                }
                if (e.statusCode() == 403) {
                    throw new LabException("The lab's credentials may not use the lake's bucket '" + settings.bucket()
                            + "' (" + code + "): allow s3:GetBucketLocation, s3:ListBucket and the object actions of "
                            + "the sink policy (docs/BACKENDS.md) on it.", e);
                }
                throw new LabException("Cannot check the lake's bucket '" + settings.bucket() + "': " + code + " "
                        + e.getMessage(), e);
            }
            // S3 answers an empty constraint for us-east-1 (and the legacy "EU" for eu-west-1)
            String region = location == null || location.isEmpty() || "null".equals(location) ? "us-east-1"
                    : "EU".equals(location) ? "eu-west-1" : location;
            if (!region.equals(settings.region())) {
                throw new LabException("The lake's bucket '" + settings.bucket() + "' is in region " + region
                        + ", but the lab was given region " + settings.region() + " (from -D" + AwsSettings.REGION
                        + ", AWS_REGION or the profile). The sink's S3 and Glue clients would then talk to the wrong "
                        + "region: set AWS_REGION=" + region + ", or use a bucket in " + settings.region() + ".");
            }
        }
    }
}
