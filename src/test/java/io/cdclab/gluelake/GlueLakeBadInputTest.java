package io.cdclab.gluelake;

import io.cdclab.settings.LabSettings;
import io.cdclab.errors.LabException;
import org.apache.iceberg.Schema;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input on a Glue lake, against the emulator with auth enforced: a missing bucket, a bucket in another region
 * (both refused before anything starts, naming the fix), and a clean-up whose Glue half fails yet deletes the run's
 * files. Skipped, with the install command, where moto_server is absent.
 */
@ExtendWith(MotoExtension.class)
class GlueLakeBadInputTest {
    private static final Schema ONE_COLUMN = new Schema(Types.NestedField.required(1, "id", Types.IntegerType.get()));
    private final MotoExtension.Emulator moto;

    GlueLakeBadInputTest(MotoExtension.Emulator moto) {
        this.moto = moto;
    }

    @Test
    void aMissingBucket_isRefusedBeforeAnythingStarts_namingHowToCreateIt() {
        AwsSettings missing = new AwsSettings("no-such-lake", "cdc-lab", "us-east-1", "run-1", false);
        assertThatThrownBy(() -> LakePreflight.check(moto.account().admin(), missing)).isInstanceOf(LabException.class)
                .hasMessageContaining("'no-such-lake' does not exist").hasMessageContaining("aws s3 mb s3://no-such-lake");
    }

    @Test
    void aBucketInAnotherRegion_isRefused_namingTheRegionToSet() {
        AwsApis inEurope = new AwsApis(moto.account().admin().endpoint(), "eu-west-1", moto.account().admin().credentials());
        try (S3Client s3 = inEurope.s3()) {
            s3.createBucket(b -> b.bucket("lake-eu").createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
        }
        AwsSettings wrongRegion = new AwsSettings("lake-eu", "cdc-lab", "us-east-1", "run-1", false);
        assertThatThrownBy(() -> LakePreflight.check(moto.account().admin(), wrongRegion)).isInstanceOf(LabException.class)
                .hasMessageContaining("is in region eu-west-1").hasMessageContaining("AWS_REGION=eu-west-1");
    }

    /** What check's glue-multi-level-namespace rule warns of: a sink routing to db.schema.table cannot commit. */
    @Test
    void g1_aMultiLevelNamespace_isRefusedByTheGlueCatalog() {
        GlueCatalog glue = moto.openCatalog(moto.account().adminCredentials());
        assertThatThrownBy(() -> glue.createNamespace(Namespace.of("cdc_shop", "public")))
                .hasMessageContaining("Cannot convert namespace cdc_shop.public to Glue database name");
        assertThatThrownBy(() -> glue.createTable(TableIdentifier.of("cdc_shop", "public",
                "orders"), ONE_COLUMN)).hasMessageContaining("Invalid table identifier: cdc_shop.public.orders");
    }

    @Test
    void tablesOfAnAbandonedRun_areRemovedBeforeTheNextStarts_thoseOfALiveRunStopIt() {
        GlueCatalog glue = moto.openCatalog(moto.account().adminCredentials());
        glue.createNamespace(Namespace.of("cdc_stale"));
        String old = "s3://lake/cdc-lab/run-20200101-000000-abc123/cdc_stale.db/t";
        glue.buildTable(TableIdentifier.of("cdc_stale", "t"), ONE_COLUMN).withLocation(old).create();
        try (S3Client s3 = moto.account().admin().s3()) {
            var removed = StaleRuns.clear(glue, s3, moto.settings(), LocalDateTime.now(), false);
            assertThat(removed).containsExactly("cdc_stale.t of run-20200101-000000-abc123");
            assertThat(glue.tableExists(TableIdentifier.of("cdc_stale", "t"))).isFalse();

            String live = "s3://lake/cdc-lab/" + AwsSettings.emulated("lake", "us-east-1", false).runId() + "/cdc_stale.db/u";
            glue.buildTable(TableIdentifier.of("cdc_stale", "u"), ONE_COLUMN).withLocation(live).create();
            assertThatThrownBy(() -> StaleRuns.clear(glue, s3, moto.settings(), LocalDateTime.now(), false))
                    .isInstanceOf(LabException.class).hasMessageContaining("cdc_stale.u").hasMessageContaining("still running?");
            glue.dropTable(TableIdentifier.of("cdc_stale", "u"), false);
            glue.dropNamespace(Namespace.of("cdc_stale"));
        }
    }

    @Test
    void aFailingGlueCleanup_stillDeletesTheRunsFiles() throws Exception {
        try (S3Client s3 = moto.account().admin().s3()) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                s3.putObject(p -> p.bucket("lake").key(moto.settings().runPrefix() + "/t/data-" + n), RequestBody.fromString("x"));
            }
            s3.putObject(p -> p.bucket("lake").key("other-run/keep"), RequestBody.fromString("x"));
            GlueCatalog glue = moto.openCatalog(moto.account().adminCredentials());
            CatalogLeftovers leftovers = CatalogLeftovers.before(glue, moto.settings().warehouse());
            glue.createNamespace(Namespace.of("cdc_cleanup"));
            // Glue refuses the admin from now on (a revoked or broken Glue permission), S3 still works
            try (var iam = moto.account().admin().iam()) {
                iam.putUserPolicy(p -> p.userName(EmulatedAccount.ADMIN_USER).policyName("no-glue").policyDocument(
                        SinkPolicy.json(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                                "Effect", "Deny", "Action", "glue:*", "Resource", "*"))))));
            }
            try {
                boolean clean = new AwsCleanup(moto.settings(), moto.account().admin(), glue, leftovers).run();
                assertThat(clean).as("a failed Glue half is reported").isFalse();
            } finally {
                try (var iam = moto.account().admin().iam()) {
                    iam.deleteUserPolicy(p -> p.userName(EmulatedAccount.ADMIN_USER).policyName("no-glue"));
                }
            }
            var keys = s3.listObjectsV2(l -> l.bucket("lake")).contents().stream().map(o -> o.key()).toList();
            assertThat(keys).as("the run's files go even though Glue refused").noneMatch(k -> k.startsWith(moto.settings().runPrefix()))
                    .contains("other-run/keep");
        }
    }
}
