package io.cdclab.verify;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.errors.LabException;
import io.cdclab.lake.Lake;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * F8's checks against violations planted by hand in real Iceberg tables (a Hadoop catalog in a temporary folder,
 * no servers): one table carries a file appended twice, offsets that go back, an orphan whose rows are nowhere
 * else and an orphan that is a copy of a committed file (allowed); the coordinator group is planted as a list.
 */
class LakeInvariantsTest {
    private static final String OFFSETS_KEY = LakeInvariants.OFFSETS_PREFIX + "iceberg-control-f8.connect-f8-sink";

    @TempDir
    Path warehouse;

    @Test
    void f8_eachPlantedViolation_isFound_andNothingElse() throws Exception {
        Lake lake = Lake.open(new CatalogSpec("f8", Map.of("type", "hadoop", "warehouse", warehouse.toUri().toString()),
                Map.of()), new ObjectStore(Optional.empty(), "us-east-1", "unused", "unused", AwsCredentials.generate()));
        lake.sql("CREATE TABLE f8.cdc.events (id bigint, note string) USING iceberg");
        lake.sql("CREATE TABLE f8.cdc.elsewhere (id bigint, note string) USING iceberg");
        lake.sql("INSERT INTO f8.cdc.events VALUES (1, 'a'), (2, 'b')");
        lake.sql("INSERT INTO f8.cdc.elsewhere VALUES (99, 'never committed to events')");
        Table events = Spark3Util.loadIcebergTable(lake.session(), "f8.cdc.events");
        Table elsewhere = Spark3Util.loadIcebergTable(lake.session(), "f8.cdc.elsewhere");

        assertThat(LakeInvariants.check(lake, "f8.cdc.events").violations()).as("a clean table").isEmpty();

        // The same data file registered by a second commit, as a recovering coordinator may do.
        DataFile committed = events.currentSnapshot().addedDataFiles(events.io()).iterator().next();
        events.newAppend().appendFile(committed).set(OFFSETS_KEY, "{\"0\":10,\"1\":4}").commit();
        // A stale coordinator's commit: partition 0 goes back from 10 to 7, partition 1 moves on.
        events.newFastAppend().set(OFFSETS_KEY, "{\"0\":7,\"1\":5}").commit();
        // Orphans: a copy of a committed file (its rows are in the table: allowed), and a file whose row is not.
        Path data = Path.of(events.location().replaceFirst("^file:", "")).resolve("data");
        Files.copy(Path.of(committed.location().replaceFirst("^file:", "")), data.resolve("copy-of-committed.parquet"));
        String lostFile = elsewhere.currentSnapshot().addedDataFiles(elsewhere.io()).iterator().next().location();
        Files.copy(Path.of(lostFile.replaceFirst("^file:", "")), data.resolve("lost-rows.parquet"));

        LakeInvariants.Result result = LakeInvariants.of(lake, "f8.cdc.events")
                .coordinator("connect-f8-sink-coord", group -> List.of("coord-1@/127.0.0.1", "coord-2@/127.0.0.1"))
                .check();

        assertThat(result.violationsOf(LakeInvariants.DUPLICATE_FILE)).singleElement().asString()
                .contains(committed.location()).contains("added 2 times");
        assertThat(result.violationsOf(LakeInvariants.OFFSETS_BACKWARDS)).singleElement().asString()
                .contains(OFFSETS_KEY + " partition 0: 10 in snapshot").contains("then 7");
        assertThat(result.violationsOf(LakeInvariants.COORDINATOR_MEMBERS)).singleElement().asString()
                .contains("group connect-f8-sink-coord has 2 member(s)");
        assertThat(result.violationsOf(LakeInvariants.ORPHAN_ROWS)).singleElement().asString()
                .contains("lost-rows.parquet holds 1 row(s)").contains("never committed to events");
        assertThat(result.violations()).hasSize(4);
        assertThat(result.facts()).containsEntry("orphan files", 2);
        assertThatThrownBy(result::assertHolds).isInstanceOf(AssertionError.class)
                .hasMessageContaining("4 violation(s)").hasMessageContaining(LakeInvariants.ORPHAN_ROWS);

        assertThat(LakeInvariants.of(lake, "f8.cdc.elsewhere").coordinator("g", group -> List.of()).check()
                .violationsOf(LakeInvariants.COORDINATOR_MEMBERS)).singleElement().asString()
                .contains("has 0 member(s), expected exactly 1");
        assertThatThrownBy(() -> LakeInvariants.check(lake, "f8.cdc.no_such_table"))
                .isInstanceOf(LabException.class).hasMessageContaining("no such table");
    }

    @Test
    void f8_badInput_clearErrors() {
        assertThatThrownBy(() -> LakeInvariants.offsets(OFFSETS_KEY, "[1,2]", 42L))
                .isInstanceOf(LabException.class).hasMessageContaining("Snapshot 42")
                .hasMessageContaining("not a JSON object of partition to offset");
        assertThatThrownBy(() -> LakeInvariants.offsets(OFFSETS_KEY, "{\"0\":\"ten\"}", 42L))
                .hasMessageContaining("offset \"ten\" for partition 0, not a number");
        assertThatThrownBy(() -> LakeInvariants.offsets(OFFSETS_KEY, "{oops", 42L)).hasMessageContaining("no JSON");
        assertThat(LakeInvariants.offsets(OFFSETS_KEY, "{\"0\":10,\"2\":3}", 1L)).containsEntry("0", 10L)
                .containsEntry("2", 3L);
        assertThat(LakeInvariants.normalise("file:///tmp/a.parquet")).isEqualTo(LakeInvariants.normalise("file:/tmp/a.parquet"));
        assertThatThrownBy(() -> LakeInvariants.of(null, "t")).isInstanceOf(NullPointerException.class);
    }
}
