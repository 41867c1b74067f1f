package io.cdclab.backend.external;

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
 * The run's tables and namespaces below a pipeline's namespace, e.g. the changelog sink's
 * {@code cdc_c2.public.c2_accounts}: it routes by topic name, so its namespace has two levels. The catalog clean-up
 * shared with the aws backend looks at {@code cdc_*} namespaces of one level only (Glue has no others); on an
 * external catalog that nests (JDBC, REST) these would stay behind, which E1 showed. Removed before that clean-up,
 * deepest first, so the pipeline's own namespace is empty when it comes to it.
 */
final class NestedNamespaceLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(NestedNamespaceLeftovers.class);

    private final Set<Namespace> namespacesBefore;
    private final Set<TableIdentifier> tablesBefore;
    private final String warehouse;

    private NestedNamespaceLeftovers(Set<Namespace> namespacesBefore, Set<TableIdentifier> tablesBefore, String warehouse) {
        this.namespacesBefore = namespacesBefore;
        this.tablesBefore = tablesBefore;
        this.warehouse = warehouse.endsWith("/") ? warehouse : warehouse + "/";
    }

    static <C extends Catalog & SupportsNamespaces> NestedNamespaceLeftovers before(C catalog, String warehouse) {
        Set<Namespace> namespaces = new HashSet<>(nested(catalog));
        Set<TableIdentifier> tables = new HashSet<>();
        namespaces.forEach(ns -> tables.addAll(catalog.listTables(ns)));
        return new NestedNamespaceLeftovers(namespaces, tables, warehouse);
    }

    <C extends Catalog & SupportsNamespaces> List<String> remove(C catalog) {
        List<String> dropped = new ArrayList<>();
        List<Namespace> deepestFirst = new ArrayList<>(nested(catalog));
        deepestFirst.sort(Comparator.comparingInt(Namespace::length).reversed());
        for (Namespace namespace : deepestFirst) {
            for (TableIdentifier table : catalog.listTables(namespace)) {
                if (!tablesBefore.contains(table) && catalog.loadTable(table).location().startsWith(warehouse)
                        && catalog.dropTable(table, false)) {
                    dropped.add("table " + table);
                }
            }
            if (!namespacesBefore.contains(namespace) && catalog.listTables(namespace).isEmpty()
                    && catalog.listNamespaces(namespace).isEmpty() && catalog.dropNamespace(namespace)) {
                dropped.add("namespace " + namespace);
            }
        }
        LOG.info("external: removed from nested pipeline namespaces: {}", dropped);
        return dropped;
    }

    /** Every namespace below a {@code cdc_*} one, at any depth. */
    private static List<Namespace> nested(SupportsNamespaces catalog) {
        List<Namespace> found = new ArrayList<>();
        for (Namespace top : catalog.listNamespaces()) {
            if (top.length() == 1 && top.level(0).startsWith("cdc_")) {
                collect(catalog, top, found);
            }
        }
        return found;
    }

    private static void collect(SupportsNamespaces catalog, Namespace parent, List<Namespace> found) {
        for (Namespace child : catalog.listNamespaces(parent)) {
            found.add(child);
            collect(catalog, child, found);
        }
    }
}
