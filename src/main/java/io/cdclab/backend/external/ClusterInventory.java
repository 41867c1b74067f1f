package io.cdclab.backend.external;

import io.cdclab.connect.ConnectClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything on an external cluster that a pipeline can create, by kind, at one moment: connectors, topics,
 * consumer groups, replication slots, publications and Iceberg tables. Two inventories, before and after a run,
 * show what the run left behind. Kafka's own topics ({@code __*}) are not a run's.
 */
public record ClusterInventory(Map<String, Set<String>> byKind) {

    public static ClusterInventory of(ExternalSettings settings) {
        Map<String, Set<String>> byKind = new LinkedHashMap<>();
        for (NamedResources r : new NamedResources[] {
                ClusterResources.connectors(new ConnectClient(settings.connectUrl())),
                ClusterResources.topics(settings.bootstrapServers()),
                ClusterResources.consumerGroups(settings.bootstrapServers()),
                ClusterResources.replicationSlots(settings.source()),
                ClusterResources.publications(settings.source())}) {
            Set<String> names = new TreeSet<>(r.names());
            names.removeIf(n -> n.startsWith("__"));
            byKind.put(r.kind(), names);
        }
        byKind.put("Iceberg table", icebergTables(CatalogClient.open(settings.catalog(), settings.objectStore())));
        return new ClusterInventory(byKind);
    }

    /** What this inventory holds that {@code before} did not, by kind (kinds with nothing new left out). */
    public Map<String, Set<String>> addedSince(ClusterInventory before) {
        Map<String, Set<String>> added = new LinkedHashMap<>();
        byKind.forEach((kind, names) -> {
            Set<String> extra = new TreeSet<>(names);
            extra.removeAll(before.byKind.getOrDefault(kind, Set.of()));
            if (!extra.isEmpty()) {
                added.put(kind, extra);
            }
        });
        return added;
    }

    private static void addTables(Catalog catalog, SupportsNamespaces namespaces, Namespace parent, Set<String> tables) {
        for (Namespace ns : namespaces.listNamespaces(parent)) {
            catalog.listTables(ns).forEach(t -> tables.add(t.toString()));
            addTables(catalog, namespaces, ns, tables);
        }
    }

    private static Set<String> icebergTables(Catalog catalog) {
        Set<String> tables = new TreeSet<>();
        try {
            if (catalog instanceof SupportsNamespaces namespaces) {
                addTables(catalog, namespaces, Namespace.empty(), tables);
            }
        } finally {
            if (catalog instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException ignored) {
                    // a listing client; nothing to flush
                }
            }
        }
        return tables;
    }
}
