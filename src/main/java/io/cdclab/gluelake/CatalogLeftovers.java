package io.cdclab.gluelake;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run left in a shared Iceberg catalog (Glue, or the external backend's), and its removal. Pipelines name
 * their namespaces after their ids ({@code cdc_k1}), the same in every run, so a namespace's name does not tell whose
 * it is; a table's location does: only tables that appeared during the run below this run's warehouse are dropped,
 * and only namespaces that did not exist when the run started and are empty afterwards. Only namespaces named like a
 * pipeline's ({@code cdc_*}) are looked at, so a shared account's other databases cost no calls. Tables are dropped
 * without purge: their files go with the run's S3 prefix.
 */
public final class CatalogLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLeftovers.class);

    /** Pipeline.prefix(): every pipeline's Iceberg namespace starts with it. */
    static final String PIPELINE_NAMESPACE_PREFIX = "cdc_";

    private final Scope scope;
    private final Set<Namespace> before;
    private final Set<TableIdentifier> tablesBefore;
    private final String warehouse;

    private CatalogLeftovers(Scope scope, Set<Namespace> before, Set<TableIdentifier> tablesBefore, String warehouse) {
        this.scope = scope;
        this.before = before;
        this.tablesBefore = tablesBefore;
        this.warehouse = warehouse.endsWith("/") ? warehouse : warehouse + "/";
    }

    /** Notes the pipeline namespaces ({@code cdc_*}, one level) and their tables that exist before the run. */
    public static <C extends Catalog & SupportsNamespaces> CatalogLeftovers before(C catalog, String warehouse) {
        return before(Scope.PIPELINE_NAMESPACES, catalog, warehouse);
    }

    /**
     * Notes the namespaces below a pipeline's namespace, at any depth, and their tables: the changelog sink routes by
     * topic name, so its tables land in e.g. {@code cdc_c2.public}. Glue has no such namespaces; a catalog that nests
     * (JDBC, REST) does, and they would stay behind (E1). Removed before the one-level ones, deepest first.
     */
    public static <C extends Catalog & SupportsNamespaces> CatalogLeftovers nestedBefore(C catalog, String warehouse) {
        return before(Scope.NESTED_BELOW_PIPELINE_NAMESPACES, catalog, warehouse);
    }

    private static <C extends Catalog & SupportsNamespaces> CatalogLeftovers before(Scope scope, C catalog,
                                                                                   String warehouse) {
        Set<Namespace> namespaces = new HashSet<>(scope.namespaces(catalog));
        Set<TableIdentifier> tables = new HashSet<>();
        namespaces.forEach(ns -> tables.addAll(catalog.listTables(ns)));
        return new CatalogLeftovers(scope, namespaces, tables, warehouse);
    }

    private static boolean isPipelineNamespace(Namespace namespace) {
        return namespace.length() == 1 && namespace.level(0).startsWith(PIPELINE_NAMESPACE_PREFIX);
    }

    /** Drops this run's tables and the namespaces it created; returns what was dropped, for the log. */
    public <C extends Catalog & SupportsNamespaces> List<String> remove(C catalog) {
        List<String> dropped = new ArrayList<>();
        for (Namespace namespace : scope.namespaces(catalog)) {
            for (TableIdentifier table : catalog.listTables(namespace)) {
                if (!tablesBefore.contains(table) && catalog.loadTable(table).location().startsWith(warehouse)
                        && catalog.dropTable(table, false)) {
                    dropped.add("table " + table);
                }
            }
            if (!before.contains(namespace) && catalog.listTables(namespace).isEmpty()
                    && (!scope.nests || catalog.listNamespaces(namespace).isEmpty()) && catalog.dropNamespace(namespace)) {
                dropped.add("namespace " + namespace);
            }
        }
        LOG.info("removed from {}: {}", scope.said, dropped);
        return dropped;
    }

    /** Which namespaces a clean-up looks at. */
    private enum Scope {
        PIPELINE_NAMESPACES(false, "the Iceberg catalog") {
            @Override
            List<Namespace> namespaces(SupportsNamespaces catalog) {
                return catalog.listNamespaces().stream().filter(CatalogLeftovers::isPipelineNamespace).toList();
            }
        },
        NESTED_BELOW_PIPELINE_NAMESPACES(true, "nested pipeline namespaces") {
            @Override
            List<Namespace> namespaces(SupportsNamespaces catalog) {
                List<Namespace> found = new ArrayList<>();
                catalog.listNamespaces().stream().filter(CatalogLeftovers::isPipelineNamespace)
                        .forEach(top -> collect(catalog, top, found));
                found.sort(Comparator.comparingInt(Namespace::length).reversed());
                return found;
            }
        };

        /** Whether a namespace may hold others, so it is dropped only once they are gone. */
        final boolean nests;
        final String said;

        Scope(boolean nests, String said) {
            this.nests = nests;
            this.said = said;
        }

        /** The namespaces in scope, deepest first. */
        abstract List<Namespace> namespaces(SupportsNamespaces catalog);

        private static void collect(SupportsNamespaces catalog, Namespace parent, List<Namespace> found) {
            for (Namespace child : catalog.listNamespaces(parent)) {
                found.add(child);
                collect(catalog, child, found);
            }
        }
    }
}
