package io.cdclab.gluelake;

import io.cdclab.backend.aws.AwsCredentialCheck;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsSettingsAndCredentialsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    @TempDir
    Path emptyHome;

    @Test
    void missingBucketAndRegion_areBothNamed() {
        assertThatThrownBy(() -> AwsSettings.from(Map.of(), Map.of(), Optional::empty))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("-Dlab.aws.bucket")
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void regionComesFromThePropertyThenTheEnvironmentThenTheChain() {
        assertThat(AwsSettings.from(Map.of("lab.aws.bucket", "b", "lab.aws.region", "eu-west-1"),
                Map.of("AWS_REGION", "us-east-2"), () -> Optional.of("ap-south-1")).region()).isEqualTo("eu-west-1");
        assertThat(AwsSettings.from(Map.of("lab.aws.bucket", "b"), Map.of("AWS_REGION", "us-east-2"),
                () -> Optional.of("ap-south-1")).region()).isEqualTo("us-east-2");
        assertThat(AwsSettings.from(Map.of("lab.aws.bucket", "b"), Map.of(), () -> Optional.of("ap-south-1")).region())
                .isEqualTo("ap-south-1");
    }

    @Test
    void eachRunWritesBelowItsOwnPrefix() {
        AwsSettings one = AwsSettings.from(Map.of("lab.aws.bucket", "team-lake", "lab.aws.prefix", "/ci/cdc/"), Map.of("AWS_REGION", "eu-west-1"), Optional::empty);
        AwsSettings two = AwsSettings.from(Map.of("lab.aws.bucket", "team-lake", "lab.aws.prefix", "ci/cdc"), Map.of("AWS_REGION", "eu-west-1"), Optional::empty);

        assertThat(one.runPrefix()).startsWith("ci/cdc/run-").isNotEqualTo(two.runPrefix());
        assertThat(one.warehouse()).isEqualTo("s3://team-lake/" + one.runPrefix());
        assertThat(one.keep()).isFalse();
        assertThat(AwsSettings.from(Map.of("lab.aws.bucket", "b", "lab.keep", "true"), Map.of("AWS_REGION", "x"),
                Optional::empty).keep()).isTrue();
    }

    @Test
    void noCredentialsAnywhere_failsFastNamingTheVariables() {
        assertThatThrownBy(() -> AwsCredentialCheck.resolve(Map.of(), emptyHome, () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        })).isInstanceOf(LabException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
                .hasMessageContaining("AWS_PROFILE");
    }

    @Test
    void halfAKeyPair_namesTheMissingHalf_withoutShowingThePresentOne() {
        assertThatThrownBy(() -> AwsCredentialCheck.resolve(Map.of("AWS_SECRET_ACCESS_KEY", SECRET), emptyHome,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET))))
                .hasMessageContaining("but not AWS_ACCESS_KEY_ID")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void theChainsAnswer_becomesSecretKeepingCredentials() {
        AwsCredentials resolved = AwsCredentialCheck.resolve(Map.of("AWS_PROFILE", "ci"), emptyHome,
                StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAEXAMPLE", SECRET, "token-123")));

        assertThat(resolved.accessKeyId()).isEqualTo("ASIAEXAMPLE");
        assertThat(resolved.secretAccessKey().reveal()).isEqualTo(SECRET);
        assertThat(resolved.sessionToken()).isPresent();
        assertThat(resolved.toString()).doesNotContain(SECRET, "token-123");
        assertThat(resolved.environment("eu-west-1")).containsEntry("AWS_SESSION_TOKEN", "token-123")
                .containsEntry("AWS_REGION", "eu-west-1");
    }

    @Test
    void profileFileVariablesNamingNoFile_countAsNoCredentials() {
        assertThatThrownBy(() -> AwsCredentialCheck.resolve(Map.of("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/c",
                "AWS_CONFIG_FILE", "/nonexistent/f"), emptyHome, () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        })).isInstanceOf(LabException.class).hasMessageContaining("found no AWS credentials");
    }

    @Test
    void anInstanceProfileThatNoVariableShows_isAccepted_asTheSdkWould() {
        AwsCredentials resolved = AwsCredentialCheck.resolve(Map.of(), emptyHome,
                () -> software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create("ASIAROLE", SECRET, "tok"));
        assertThat(resolved.accessKeyId()).isEqualTo("ASIAROLE");
        assertThat(resolved.sessionToken()).isPresent();
    }

    @Test
    void aChainThatFails_isReportedWithItsOwnExplanation() {
        assertThatThrownBy(() -> AwsCredentialCheck.resolve(Map.of("AWS_PROFILE", "missing"), emptyHome, () -> {
            throw SdkClientException.create("Profile file contained no credentials for profile 'missing'");
        })).isInstanceOf(LabException.class).hasMessageContaining("profile 'missing'");
    }

    @Test
    void theGlueCatalog_writesBelowTheRunsPrefixAndHoldsNoSecret() {
        AwsSettings settings = AwsSettings.from(Map.of("lab.aws.bucket", "team-lake"), Map.of("AWS_REGION", "eu-west-1"), Optional::empty);
        var spec = GlueLake.catalogSpec("lake", settings, Optional.empty(), Optional.empty());

        assertThat(spec.properties()).containsEntry("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("warehouse", settings.warehouse())
                .containsEntry("client.region", "eu-west-1");
        assertThat(spec.secretProperties()).isEmpty();
    }
}
