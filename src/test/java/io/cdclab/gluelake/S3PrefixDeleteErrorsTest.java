package io.cdclab.gluelake;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3's quiet DeleteObjects answers 200 and lists only the keys it could not delete. No local S3 server refuses
 * single keys, so the answer is played here by a stand-in for the SDK client's two calls.
 */
class S3PrefixDeleteErrorsTest {

    @Test
    void keysS3RefusedToDelete_failTheCleanUp_namingOneAndTheCount() {
        S3Client s3 = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "listObjectsV2" -> {
                        ListObjectsV2Request r = (ListObjectsV2Request) args[0];
                        yield ListObjectsV2Response.builder().isTruncated(false).contents(
                                S3Object.builder().key(r.prefix() + "a").build(),
                                S3Object.builder().key(r.prefix() + "b").build()).build();
                    }
                    case "deleteObjects" -> DeleteObjectsResponse.builder().errors(S3Error.builder()
                            .key("run-1/b").code("AccessDenied").message("Access Denied").build()).build();
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertThatThrownBy(() -> S3Prefix.deleteAll(s3, "lake", "run-1"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("refused to delete 1 of 2").hasMessageContaining("run-1/b")
                .hasMessageContaining("AccessDenied").hasMessageContaining("s3:DeleteObject");
    }
}
