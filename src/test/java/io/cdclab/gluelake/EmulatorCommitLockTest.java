package io.cdclab.gluelake;

import io.cdclab.settings.LabSettings;
import io.cdclab.endpoints.AwsCredentials;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G1's catalog under concurrent writers: why the emulated Glue lake has a commit lock, and that with it no commit is
 * lost. Skipped, with the install command, where moto_server is absent.
 */
@ExtendWith(MotoExtension.class)
class EmulatorCommitLockTest {
    private final MotoExtension.Emulator moto;

    EmulatorCommitLockTest(MotoExtension.Emulator moto) {
        this.moto = moto;
    }

    /** The emulator gap itself: if moto ever enforces VersionId, this fails and the lock can go. */
    @Test
    void g1_motoGlue_acceptsAnUpdateTableWithAStaleVersionId_whichRealGlueRejects() {
        try (GlueClient glue = moto.account().admin().glue()) {
            glue.createDatabase(d -> d.databaseInput(i -> i.name("cdc_versions")));
            glue.createTable(t -> t.databaseName("cdc_versions").tableInput(input("v0")));
            String stale = glue.getTable(t -> t.databaseName("cdc_versions").name("t")).table().versionId();
            glue.updateTable(u -> u.databaseName("cdc_versions").tableInput(input("v1")).versionId(stale));
            glue.updateTable(u -> u.databaseName("cdc_versions").tableInput(input("v2")).versionId(stale));
            assertThat(glue.getTable(t -> t.databaseName("cdc_versions").name("t")).table().parameters())
                    .as("the second update, made from a stale version, replaced the first")
                    .containsEntry("metadata_location", "v2");
        }
    }

    @Test
    void g1_twoWritersCommittingToOneTableAtOnce_loseNoSnapshot_withTheLabsCatalog() throws Exception {
        AwsCredentials sinkSession = moto.account().issueSinkSession();
        GlueCatalog asAdmin = moto.openCatalog(moto.account().adminCredentials());
        GlueCatalog asSink = moto.openCatalog(sinkSession); // the sink role's policy must let it take the lock
        assertThat(moto.catalogSpec(Optional.empty()).properties())
                .containsEntry("lock-impl", "org.apache.iceberg.aws.dynamodb.DynamoDbLockManager")
                .containsEntry("lock.table", EmulatorCommitLock.TABLE);
        TableIdentifier id = TableIdentifier.of("cdc_lock", "appends");
        asAdmin.createNamespace(Namespace.of("cdc_lock"));
        asAdmin.createTable(id, new Schema(Types.NestedField.required(1, "id", Types.IntegerType.get())),
                PartitionSpec.unpartitioned());

        int perWriter = 4;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> commits = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                GlueCatalog catalog = writer % 2 == 0 ? asAdmin : asSink;
                String name = "w" + writer;
                commits.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        Table table = catalog.loadTable(id); // each commit from its own view, as separate writers do
                        table.newFastAppend().appendFile(dataFile(table, name + "-" + i)).commit();
                    }
                    return null;
                }));
            }
            for (Future<?> f : commits) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Table table = asAdmin.loadTable(id);
        long files = StreamSupport.stream(table.newScan().planFiles().spliterator(), false).count();
        assertThat(files).as("data files the table references after 4 writers x %d appends", perWriter)
                .isEqualTo(4L * perWriter);
        assertThat(table.snapshots()).hasSize(4 * perWriter);
    }

    private static DataFile dataFile(Table table, String name) {
        return DataFiles.builder(table.spec()).withPath(table.location() + "/data/" + name + ".parquet")
                .withFileSizeInBytes(100).withRecordCount(1).withFormat("PARQUET").build();
    }

    private static TableInput input(String metadataLocation) {
        return TableInput.builder().name("t").parameters(Map.of("metadata_location", metadataLocation)).build();
    }
}
