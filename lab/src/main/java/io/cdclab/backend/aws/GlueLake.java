package io.cdclab.backend.aws;

import io.cdclab.topology.CatalogSpec;
import io.cdclab.topology.Topology;
import org.apache.iceberg.aws.glue.GlueCatalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Iceberg catalog of the aws backend: Glue for metadata, S3FileIO for files, the run's prefix as warehouse. */
final class GlueLake {
    private GlueLake() {
    }

    static CatalogSpec catalogSpec(Topology topology, AwsSettings settings) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
        props.put("warehouse", settings.warehouse());
        props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        props.put("client.region", settings.region());
        // No secret properties: the sink's and Spark's SDK clients take credentials from their environment / chain.
        return new CatalogSpec(topology.catalogName(), props, Map.of());
    }

    /** The same catalog in the lab's JVM, for the clean-up. */
    static GlueCatalog openCatalog(CatalogSpec spec) {
        GlueCatalog glue = new GlueCatalog();
        glue.initialize(spec.name(), spec.properties());
        return glue;
    }
}
