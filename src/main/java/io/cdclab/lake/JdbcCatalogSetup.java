package io.cdclab.lake;

import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.errors.LabException;
import io.cdclab.util.Timer;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates (and migrates) the tables of an Iceberg JdbcCatalog once, before any sink task opens the catalog.
 *
 * <p>Why (scenario F10): JdbcCatalog creates its {@code iceberg_tables} table in the V0 layout and then, with
 * {@code jdbc.schema-version=V1}, adds the {@code iceberg_type} column. The create tolerates a concurrent create,
 * the ALTER does not: two sink tasks ({@code tasks.max=2}) that open a fresh catalog at once both see the column
 * missing, both alter, and one task fails with {@code UncheckedSQLException: Cannot check and eventually update
 * SQL schema}. Once the column exists, every later open only reads the database's metadata.
 */
public final class JdbcCatalogSetup {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcCatalogSetup.class);
    static final String JDBC_CATALOG = JdbcCatalog.class.getName();

    private JdbcCatalogSetup() {
    }

    /** Whether {@code spec} is an Iceberg JdbcCatalog. */
    public static boolean isJdbc(CatalogSpec spec) {
        return JDBC_CATALOG.equals(spec.properties().get("catalog-impl"))
                || "jdbc".equalsIgnoreCase(spec.properties().getOrDefault("type", ""));
    }

    /**
     * Opens {@code spec}'s catalog as the sink would (same URI, user, password and schema version) so that its
     * tables exist in their final layout; does nothing for other catalogs. Returns whether it was a JDBC catalog.
     */
    public static boolean initialise(CatalogSpec spec) {
        if (!isJdbc(spec)) {
            return false;
        }
        Timer timer = Timer.start();
        // No file is read or written here: an in-memory FileIO keeps the object store out of it.
        try (JdbcCatalog catalog = new JdbcCatalog(p -> new InMemoryFileIO(), null, true)) {
            catalog.initialize(spec.name(), labJvmProperties(spec));
        } catch (RuntimeException e) {
            throw new LabException("Could not initialise the Iceberg JDBC catalog " + spec.name() + " at "
                    + spec.properties().get("uri") + " before the pipelines start: " + e.getMessage()
                    + ". May the catalog user create tables in that database?", e);
        }
        LOG.info("catalog {}: JDBC catalog tables ready (schema {}) in {}", spec.name(),
                spec.properties().getOrDefault("jdbc.schema-version", "V0"), timer.seconds());
        return true;
    }

    /** The catalog's properties with the secret values the lab's JVM holds (never logged). */
    static Map<String, String> labJvmProperties(CatalogSpec spec) {
        Map<String, String> props = new LinkedHashMap<>(spec.properties());
        spec.secretProperties().forEach((k, v) -> props.put(k, v.value().reveal()));
        spec.labJvmSecrets().forEach((k, v) -> props.put(k, v.reveal()));
        return props;
    }
}
