package io.cdclab.lake;

import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.errors.LabException;
import io.cdclab.util.Timer;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The lake as its users read it: embedded Spark SQL (local mode) with Iceberg's runtime, configured for the
 * topology's catalog and object store. One SparkSession per JVM (it costs ~2 s and ~800 MB); each topology gets
 * its own child session ({@code newSession()}), so catalogs of different topologies never mix.
 */
public final class Lake {
    private static final Logger LOG = LoggerFactory.getLogger(Lake.class);
    private static SparkSession root;

    private final SparkSession session;
    private final String catalog;

    private Lake(SparkSession session, String catalog) {
        this.session = session;
        this.catalog = catalog;
    }

    /** A Spark session over {@code catalog}, reading files from {@code store} with the store's credentials. */
    public static Lake open(CatalogSpec catalog, ObjectStore store) {
        SparkSession session = rootSession().newSession();
        catalog.sparkProperties().forEach((k, v) -> session.conf().set(k, v));
        String prefix = "spark.sql.catalog." + catalog.name() + ".";
        session.conf().set(prefix + "s3.access-key-id", store.credentials().accessKeyId());
        session.conf().set(prefix + "s3.secret-access-key", store.credentials().secretAccessKey().reveal());
        store.credentials().sessionToken().ifPresent(t -> session.conf().set(prefix + "s3.session-token", t.reveal()));
        return new Lake(session, catalog.name());
    }

    /** Starts building the shared SparkSession on a background thread, if nobody has yet. */
    public static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            try {
                rootSession();
            } catch (RuntimeException e) {
                LOG.warn("spark: warm-up failed ({}); the session will be built on first use", e.toString());
            }
        }, "cdc-lab-spark-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static synchronized SparkSession rootSession() {
        if (root == null) {
            Timer timer = Timer.start();
            root = SparkSession.builder()
                    .appName("cdc-lab")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    // local[2]'s executor lives in this JVM: if a busy machine delays its heartbeats past the 120 s
                    // default, the driver drops it for good and, 60 heartbeats later, it exits the JVM (code 56)
                    .config("spark.network.timeout", "900s")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
                    .config("spark.sql.warehouse.dir", Path.of("target", "spark-warehouse").toAbsolutePath().toString())
                    .getOrCreate();
            LOG.info("spark: local SparkSession ready in {}", timer.seconds());
        }
        return root;
    }

    /** The catalog's name as Spark SQL uses it, e.g. {@code lake} in {@code lake.ns.table}. */
    public String catalog() {
        return catalog;
    }

    /** {@code catalog.namespace.table}. */
    public String qualify(String namespace, String table) {
        return catalog + "." + namespace + "." + table;
    }

    public Dataset<Row> sql(String sql) {
        return session.sql(sql);
    }

    public List<Row> rows(String sql) {
        return session.sql(sql).collectAsList();
    }

    public boolean tableExists(String qualifiedTable) {
        return session.catalog().tableExists(qualifiedTable);
    }

    /** Snapshot ids of a table, oldest first (its {@code .snapshots} metadata table). */
    public List<Long> snapshotIds(String qualifiedTable) {
        return rows("SELECT snapshot_id FROM " + qualifiedTable + ".snapshots ORDER BY committed_at")
                .stream().map(r -> r.getLong(0)).toList();
    }

    /**
     * Waits until {@code qualifiedTable} exists and holds at least {@code expectedRows} rows, i.e. until the sink
     * committed them. The failure message says how many rows were there.
     */
    public long awaitRows(String qualifiedTable, long expectedRows, Duration timeout) {
        AtomicLong seen = new AtomicLong(-1);
        try {
            Awaitility.await("Iceberg table " + qualifiedTable + " to hold " + expectedRows + " rows")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!tableExists(qualifiedTable)) {
                            return false;
                        }
                        try {
                            seen.set(session.sql("SELECT count(*) FROM " + qualifiedTable).first().getLong(0));
                        } catch (Exception e) {
                            if (!(e instanceof AnalysisException)) {
                                throw e;
                            }
                            // The sink evolved the table's schema under Spark's cached copy: drop the copy, poll again.
                            session.sql("REFRESH TABLE " + qualifiedTable);
                            return false;
                        }
                        return seen.get() >= expectedRows;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("Iceberg table " + qualifiedTable + " held "
                    + (seen.get() < 0 ? "no table yet" : seen.get() + " rows") + " after " + timeout.toSeconds()
                    + " s; expected " + expectedRows + ". Check the sink connector's status and the Connect log.", e);
        }
        return seen.get();
    }

    /**
     * Every table in the catalog as Spark SQL names it ({@code catalog.namespace.table}), namespaces of any depth
     * (a JDBC catalog nests them), at most {@code limit}: for messages that say what is there.
     */
    public List<String> tableNames(int limit) {
        List<String> tables = new ArrayList<>();
        Deque<String> namespaces = new ArrayDeque<>(childNamespaces(quoted(catalog)));
        while (!namespaces.isEmpty() && tables.size() < limit) {
            String namespace = namespaces.removeFirst();
            String qualified = quoted(catalog) + "." + namespace;
            for (Row r : rows("SHOW TABLES IN " + qualified)) {
                if (tables.size() < limit) {
                    tables.add(catalog + "." + namespace.replace("`", "") + "." + r.getString(1));
                }
            }
            namespaces.addAll(childNamespaces(qualified));
        }
        return tables;
    }

    /** The namespaces directly under {@code parent} (a catalog or a namespace), each as a quoted full path. */
    private List<String> childNamespaces(String parent) {
        return rows("SHOW NAMESPACES IN " + parent).stream().map(r -> Arrays.stream(r.getString(0)
                .split("\\.")).map(Lake::quoted).collect(Collectors.joining("."))).toList();
    }

    private static String quoted(String part) {
        return "`" + part.replace("`", "") + "`";
    }

    public SparkSession session() {
        return session;
    }

    /** Runs a query and returns its rows as column name to value maps (Spark's Java types). */
    public List<Map<String, Object>> rowsAsMaps(String sql) {
        Dataset<Row> ds = session.sql(sql);
        String[] columns = ds.columns();
        return ds.collectAsList().stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                m.put(columns[i], row.get(i));
            }
            return m;
        }).toList();
    }
}
