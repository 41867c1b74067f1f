package io.cdclab.gluelake;

import io.cdclab.settings.LabSettings;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulated Glue lake and the aws backend build their catalog with the same code; only endpoints differ. */
class GlueLakeSharedPathTest {
    private final AwsSettings settings = new AwsSettings("team-lake", "cdc-lab", "eu-west-1", "run-1", false);

    @Test
    void theEmulatorsCatalog_isTheAwsCatalogPlusItsEndpoints_andTheSinkGetsNoKeysOnEither() {
        CatalogSpec aws = GlueLake.catalogSpec("lake", settings, Optional.empty(), Optional.empty());
        CatalogSpec emulated = GlueLake.catalogSpec("lake", settings, Optional.of(URI.create("http://127.0.0.1:5000")),
                Optional.of(AwsCredentials.generate()));

        Map<String, String> added = new HashMap<>(emulated.properties());
        aws.properties().forEach((k, v) -> assertThat(added.remove(k)).as(k).isEqualTo(v));
        EmulatorCommitLock.catalogProperties(URI.create("http://127.0.0.1:5000"))
                .forEach((k, v) -> assertThat(added.remove(k)).as(k).isEqualTo(v));
        assertThat(added).as("besides the commit lock (moto's Glue does not enforce VersionId)")
                .containsOnlyKeys("glue.endpoint", "s3.endpoint", "s3.path-style-access");
        assertThat(aws.properties()).as("real Glue enforces VersionId: no lock on AWS").doesNotContainKey("lock-impl");

        for (CatalogSpec spec : new CatalogSpec[] {aws, emulated}) {
            assertThat(spec.sinkConnectorProperties().keySet())
                    .as("the seed's model: the worker's AWS_* session, no keys in the sink config")
                    .noneMatch(k -> k.contains("access-key") || k.contains("secret") || k.contains("session-token")
                            || k.contains("credentials-provider"));
            assertThat(spec.secretProperties()).isEmpty();
        }
        assertThat(aws.labJvmSecrets()).as("on AWS the lab's Spark uses the default chain").isEmpty();
        assertThat(emulated.sparkProperties()).containsEntry("spark.sql.catalog.lake.client.credentials-provider",
                LabJvmCredentialsProvider.class.getName());
    }

    @Test
    void catalogPropertiesPassThrough_forSseKmsAndAnotherAccountsCatalog() {
        Map<String, String> extra = GlueLakeTopology.passThrough(LabSettings.from(Map.of("lab.aws.catalog.s3.sse.type", "kms",
                "lab.aws.catalog.glue.id", "123456789012", "lab.aws.bucket", "b")));
        assertThat(extra).containsOnly(Map.entry("s3.sse.type", "kms"), Map.entry("glue.id", "123456789012"));
        CatalogSpec spec = GlueLake.catalogSpec("lake", settings, Optional.empty(), Optional.empty()).withProperties(extra);
        assertThat(spec.sinkConnectorProperties()).containsEntry("iceberg.catalog.s3.sse.type", "kms")
                .containsEntry("iceberg.catalog.glue.id", "123456789012");
    }

    @Test
    void theSinkPolicy_scopesObjectsToTheRunsPrefix_andCanLoseOneActionForG4() {
        SinkPolicy minimal = SinkPolicy.minimal();
        assertThat(minimal.document("team-lake", "cdc-lab")).contains("arn:aws:s3:::team-lake/cdc-lab/*")
                .contains("glue:UpdateTable").contains("s3:PutObject");
        assertThat(minimal.without("glue:UpdateTable").actions()).doesNotContain("glue:UpdateTable")
                .hasSize(minimal.actions().size() - 1);
    }
}
