package io.cdclab.gluelake;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Glue clean-up logic, on Iceberg's in-memory catalog as a stand-in for Glue. */
class CatalogLeftoversTest {
    private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "id", Types.IntegerType.get()));
    private static final String RUN = "s3://team-lake/cdc-lab/run-1";
    private InMemoryCatalog catalog;

    @BeforeEach
    void catalogWithOtherPeoplesTables() {
        catalog = new InMemoryCatalog();
        catalog.initialize("lake", Map.of("warehouse", "s3://team-lake/shared"));
        catalog.createNamespace(Namespace.of("sales"));
        catalog.createTable(TableIdentifier.of("sales", "orders"), SCHEMA);
        catalog.createNamespace(Namespace.of("cdc_k1")); // a namespace another run left
        catalog.createTable(TableIdentifier.of("cdc_k1", "old"), SCHEMA, PartitionSpec.unpartitioned(), RUN + "/cdc_k1.db/old", Map.of());
    }

    @Test
    void dropsOnlyTheRunsNewTablesAndTheNamespacesItCreated() {
        CatalogLeftovers leftovers = CatalogLeftovers.before(catalog, RUN);
        // what the run's sink creates
        catalog.createTable(TableIdentifier.of("cdc_k1", "customers"), SCHEMA, PartitionSpec.unpartitioned(), RUN + "/cdc_k1.db/customers", Map.of());
        catalog.createNamespace(Namespace.of("cdc_k2"));
        catalog.createTable(TableIdentifier.of("cdc_k2", "orders"), SCHEMA, PartitionSpec.unpartitioned(), RUN + "/cdc_k2.db/orders", Map.of());
        // someone else, meanwhile, in a namespace named like the lab's, elsewhere
        catalog.createNamespace(Namespace.of("cdc_other"));
        catalog.createTable(TableIdentifier.of("cdc_other", "t"), SCHEMA, PartitionSpec.unpartitioned(), "s3://team-lake/elsewhere/t", Map.of());

        assertThat(leftovers.remove(catalog)).containsExactlyInAnyOrder("table cdc_k1.customers", "table cdc_k2.orders",
                "namespace cdc_k2");

        assertThat(catalog.listNamespaces()).containsExactlyInAnyOrder(Namespace.of("sales"), Namespace.of("cdc_k1"),
                Namespace.of("cdc_other"));
        assertThat(catalog.tableExists(TableIdentifier.of("cdc_k1", "old"))).isTrue();
        assertThat(catalog.tableExists(TableIdentifier.of("sales", "orders"))).isTrue();
        assertThat(catalog.tableExists(TableIdentifier.of("cdc_other", "t"))).isTrue();
    }

    @Test
    void nested_dropsTheRunsTablesAndNamespacesBelowAPipelineNamespace_deepestFirst() {
        CatalogLeftovers nested = CatalogLeftovers.nestedBefore(catalog, RUN);
        Namespace deeper = Namespace.of("cdc_k1", "public", "deeper");
        catalog.createNamespace(Namespace.of("cdc_k1", "public"));
        catalog.createNamespace(deeper);
        catalog.createTable(TableIdentifier.of(deeper, "t"), SCHEMA, PartitionSpec.unpartitioned(), RUN + "/cdc_k1.db/t", Map.of());
        catalog.createNamespace(Namespace.of("sales", "public")); // not below a pipeline's namespace

        assertThat(nested.remove(catalog)).containsExactly("table cdc_k1.public.deeper.t", "namespace cdc_k1.public.deeper",
                "namespace cdc_k1.public");
        assertThat(catalog.namespaceExists(Namespace.of("cdc_k1"))).as("the one-level clean-up's to remove").isTrue();
        assertThat(catalog.namespaceExists(Namespace.of("sales", "public"))).isTrue();
    }
}
