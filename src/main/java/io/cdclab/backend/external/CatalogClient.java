package io.cdclab.backend.external;

import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** The external cluster's Iceberg catalog opened in the lab's JVM (secret values included), for the clean-up. */
final class CatalogClient {
    private CatalogClient() {
    }

    static Catalog open(CatalogSpec spec, ObjectStore store) {
        Map<String, String> props = new LinkedHashMap<>(spec.properties());
        spec.secretProperties().forEach((k, v) -> props.put(k, v.value().reveal()));
        props.put("s3.access-key-id", store.credentials().accessKeyId());
        props.put("s3.secret-access-key", store.credentials().secretAccessKey().reveal());
        store.credentials().sessionToken().ifPresent(t -> props.put("s3.session-token", t.reveal()));
        return CatalogUtil.buildIcebergCatalog(spec.name(), props, null);
    }
}
