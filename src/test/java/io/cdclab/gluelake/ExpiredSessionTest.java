package io.cdclab.gluelake;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry check against the SDK's own exception types, built as the SDK builds them from AWS's answers. */
class ExpiredSessionTest {

    @Test
    void s3sExpiredToken_isRecognised_thoughItsMessageNeverHoldsTheCode() {
        S3Exception s3 = (S3Exception) S3Exception.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExpiredToken").serviceName("S3")
                        .errorMessage("The provided token has expired.").build()).build();
        assertThat(s3.getMessage()).doesNotContain("ExpiredToken").contains("The provided token has expired");
        assertThat(ExpiredSession.is(new UncheckedIOException(new IOException(s3)))).isTrue();
        assertThat(ExpiredSession.isIn(s3.getMessage())).as("as a Connect task trace shows it").isTrue();
    }

    @Test
    void gluesExpiredTokenException_isRecognised() {
        GlueException glue = (GlueException) GlueException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExpiredTokenException").serviceName("Glue")
                        .errorMessage("The security token included in the request is expired").build()).build();
        assertThat(ExpiredSession.is(glue)).isTrue();
        assertThat(ExpiredSession.isIn(glue.getMessage())).isTrue();
    }

    @Test
    void aDenialIsNotAnExpiry() {
        S3Exception denied = (S3Exception) S3Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build())
                .build();
        assertThat(ExpiredSession.is(denied)).isFalse();
    }
}
