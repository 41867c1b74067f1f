package io.cdclab.bench;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.errors.LabException;
import io.cdclab.topology.RunningTopology;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Iceberg table the sink writes, read through the lake's catalog (the JdbcCatalog and S3FileIO Spark uses,
 * with the same properties) with Iceberg's Java API: far cheaper to poll
 * than a Spark query. Snapshot metadata (commit time, summary totals) costs one catalog lookup and one metadata
 * file; rows appended by a snapshot are read from that snapshot's new data files only.
 */
final class IcebergTableWatch {
    private static final Map<RunningTopology, Catalog> CATALOGS = new IdentityHashMap<>();

    private final Catalog catalog;
    private final TableIdentifier id;
    private Table table;

    private IcebergTableWatch(Catalog catalog, TableIdentifier id) {
        this.catalog = catalog;
        this.id = id;
    }

    /** The table {@code namespace.name} in the topology's catalog (the one Spark SQL reads). */
    static IcebergTableWatch of(RunningTopology lab, String namespace, String name) {
        return new IcebergTableWatch(catalog(lab), TableIdentifier.of(namespace, name));
    }

    /** The catalog with the properties Spark gets (secrets included, in memory only), built once per topology. */
    private static synchronized Catalog catalog(RunningTopology lab) {
        return CATALOGS.computeIfAbsent(lab, l -> {
            CatalogSpec spec = l.catalog();
            String prefix = "spark.sql.catalog." + spec.name() + ".";
            Map<String, String> props = new HashMap<>();
            spec.sparkProperties().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    props.put(k.substring(prefix.length()), v);
                }
            });
            AwsCredentials keys = l.objectStore().credentials();
            props.put("s3.access-key-id", keys.accessKeyId());
            props.put("s3.secret-access-key", keys.secretAccessKey().reveal());
            keys.sessionToken().ifPresent(t -> props.put("s3.session-token", t.reveal()));
            return CatalogUtil.buildIcebergCatalog(spec.name(), props, new Configuration());
        });
    }

    String name() {
        return id.toString();
    }

    /** Reloads the table's newest metadata; false while the sink has not created it yet. */
    boolean refresh() {
        if (table == null) {
            if (!catalog.tableExists(id)) {
                return false;
            }
            table = catalog.loadTable(id);
        } else {
            table.refresh();
        }
        return true;
    }

    /** Waits until the sink has created the table. */
    void awaitCreated(Duration timeout) {
        try {
            Awaitility.await("the sink to create Iceberg table " + id).atMost(timeout)
                    .pollInterval(Duration.ofMillis(100)).until(this::refresh);
        } catch (ConditionTimeoutException e) {
            throw new LabException("The sink did not create Iceberg table " + id + " within " + timeout.toSeconds()
                    + " s. Check the sink connector's status and the Connect log.", e);
        }
    }

    /** Rows in the newest snapshot, from its summary ({@code total-records}); 0 before the first commit. */
    long totalRecords() {
        Snapshot current = table == null ? null : table.currentSnapshot();
        if (current == null) {
            return 0;
        }
        String total = current.summary().get("total-records");
        if (total == null) {
            throw new LabException("Snapshot " + current.snapshotId() + " of " + id + " has no total-records in its summary "
                    + current.summary() + "; cannot count rows from metadata.");
        }
        return Long.parseLong(total);
    }

    Snapshot currentSnapshot() {
        return table == null ? null : table.currentSnapshot();
    }

    /** Snapshots committed after {@code afterSnapshotId} (null: all), oldest first, along the current branch. */
    List<Snapshot> snapshotsAfter(Long afterSnapshotId) {
        List<Snapshot> newer = new ArrayList<>();
        Snapshot s = currentSnapshot();
        while (s != null && (afterSnapshotId == null || s.snapshotId() != afterSnapshotId)) {
            newer.add(s);
            s = s.parentId() == null ? null : table.snapshot(s.parentId());
        }
        Collections.reverse(newer);
        return newer;
    }

    /** The values of a numeric column in the rows {@code snapshot} appended (only its new data files are read). */
    List<Long> appendedValues(Snapshot snapshot, String column) {
        IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).select(column);
        scan = snapshot.parentId() == null ? scan.useSnapshot(snapshot.snapshotId())
                : scan.appendsBetween(snapshot.parentId(), snapshot.snapshotId());
        List<Long> values = new ArrayList<>();
        try (CloseableIterable<Record> rows = scan.build()) {
            for (Record row : rows) {
                values.add(((Number) row.getField(column)).longValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the rows snapshot " + snapshot.snapshotId() + " of " + id + " appended", e);
        }
        return values;
    }
}
