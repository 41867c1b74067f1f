package io.cdclab.gluelake;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run left in a shared Iceberg catalog (Glue), and its removal. Pipelines name their namespaces after their
 * ids ({@code cdc_k1}), the same in every run, so a namespace's name does not tell whose it is; a table's location
 * does: only tables that appeared during the run below this run's warehouse are dropped, and only namespaces that did not exist when the run
 * started and are empty afterwards. Only namespaces named like a pipeline's ({@code cdc_*}) are looked at, so a
 * shared account's other databases cost no calls. Tables are dropped without purge: their files go with the
 * run's S3 prefix.
 */
public final class CatalogLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLeftovers.class);

    /** Pipeline.prefix(): every pipeline's Iceberg namespace starts with it. */
    static final String PIPELINE_NAMESPACE_PREFIX = "cdc_";

    private final Set<Namespace> before;
    private final Set<TableIdentifier> tablesBefore;
    private final String warehouse;

    private CatalogLeftovers(Set<Namespace> before, Set<TableIdentifier> tablesBefore, String warehouse) {
        this.before = before;
        this.tablesBefore = tablesBefore;
        this.warehouse = warehouse.endsWith("/") ? warehouse : warehouse + "/";
    }

    /** Notes the namespaces and pipeline tables that exist before the run, which are never dropped. */
    public static <C extends Catalog & SupportsNamespaces> CatalogLeftovers before(C catalog, String warehouse) {
        Set<Namespace> namespaces = new HashSet<>(catalog.listNamespaces());
        Set<TableIdentifier> tables = new HashSet<>();
        namespaces.stream().filter(CatalogLeftovers::isPipelineNamespace).forEach(ns -> tables.addAll(catalog.listTables(ns)));
        return new CatalogLeftovers(namespaces, tables, warehouse);
    }

    private static boolean isPipelineNamespace(Namespace namespace) {
        return namespace.length() == 1 && namespace.level(0).startsWith(PIPELINE_NAMESPACE_PREFIX);
    }

    /** Drops this run's tables and the namespaces it created; returns what was dropped, for the log. */
    public <C extends Catalog & SupportsNamespaces> List<String> remove(C catalog) {
        List<String> dropped = new ArrayList<>();
        for (Namespace namespace : catalog.listNamespaces()) {
            if (!isPipelineNamespace(namespace)) {
                continue;
            }
            for (TableIdentifier table : catalog.listTables(namespace)) {
                if (tablesBefore.contains(table)) {
                    continue;
                }
                String location = catalog.loadTable(table).location();
                if (location.startsWith(warehouse) && catalog.dropTable(table, false)) {
                    dropped.add("table " + table);
                }
            }
            if (!before.contains(namespace) && catalog.listTables(namespace).isEmpty()
                    && catalog.dropNamespace(namespace)) {
                dropped.add("namespace " + namespace);
            }
        }
        LOG.info("removed from the Iceberg catalog: {}", dropped);
        return dropped;
    }
}
