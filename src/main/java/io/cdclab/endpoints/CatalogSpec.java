package io.cdclab.endpoints;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Iceberg catalog the sink commits to and Spark reads from: its name (the same everywhere; JDBC catalogs
 * scope tables by it) and its properties in Iceberg's own vocabulary ({@code catalog-impl}, {@code uri},
 * {@code warehouse}, {@code io-impl}, {@code s3.*}). Properties that hold secrets are kept apart: the sink gets
 * them as {@code ${env:VAR}} references, Spark gets their values. {@code connectWorkerOverrides} replace
 * properties for the sink only, where the Connect worker sees other addresses than the lab's JVM.
 */
public record CatalogSpec(String name, Map<String, String> properties, Map<String, SecretProperty> secretProperties,
                          Map<String, String> connectWorkerOverrides, Map<String, Secret> labJvmSecrets) {

    /** A catalog whose sink-side properties differ where the Connect worker sees other addresses. */
    public CatalogSpec(String name, Map<String, String> properties, Map<String, SecretProperty> secretProperties,
                       Map<String, String> connectWorkerOverrides) {
        this(name, properties, secretProperties, connectWorkerOverrides, Map.of());
    }

    /** The same catalog with {@code more} properties (for the sink and Spark alike); they win over the backend's. */
    public CatalogSpec withProperties(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(properties);
        merged.putAll(more);
        return new CatalogSpec(name, merged, secretProperties, connectWorkerOverrides, labJvmSecrets);
    }

    /**
     * The same catalog with properties only the lab's own JVM (Spark) gets, never the sink: e.g. the credentials
     * of the lab's admin user on an emulated AWS account, where the sink has its own session.
     */
    public CatalogSpec withLabJvmSecrets(Map<String, Secret> secrets) {
        return new CatalogSpec(name, properties, secretProperties, connectWorkerOverrides, Map.copyOf(secrets));
    }

    /** The same catalog with {@code overrides} for the sink only (e.g. endpoints by network alias). */
    public CatalogSpec withConnectWorkerOverrides(Map<String, String> overrides) {
        return new CatalogSpec(name, properties, secretProperties,
                Collections.unmodifiableMap(new LinkedHashMap<>(overrides)), labJvmSecrets);
    }

    /** A catalog that the Connect worker reaches at the same addresses as the lab's JVM does. */
    public CatalogSpec(String name, Map<String, String> properties, Map<String, SecretProperty> secretProperties) {
        this(name, properties, secretProperties, Map.of());
    }

    /** A catalog property whose value is secret, and the environment variable the Connect worker reads it from. */
    public record SecretProperty(String envVar, Secret value) {
    }

    /** {@code iceberg.catalog.*} keys for the Iceberg sink connector's config. */
    public Map<String, String> sinkConnectorProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("iceberg.catalog", name);
        properties.forEach((k, v) -> props.put("iceberg.catalog." + k, v));
        // e.g. on the containers backend the worker reaches the catalog and S3 by network alias, not localhost
        connectWorkerOverrides.forEach((k, v) -> props.put("iceberg.catalog." + k, v));
        secretProperties.forEach((k, v) -> props.put("iceberg.catalog." + k, "${env:" + v.envVar() + "}"));
        return props;
    }

    /** {@code spark.sql.catalog.<name>.*} keys for a Spark session. */
    public Map<String, String> sparkProperties() {
        String prefix = "spark.sql.catalog." + name;
        Map<String, String> props = new LinkedHashMap<>();
        props.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
        properties.forEach((k, v) -> props.put(prefix + "." + k, v));
        secretProperties.forEach((k, v) -> props.put(prefix + "." + k, v.value().reveal()));
        labJvmSecrets.forEach((k, v) -> props.put(prefix + "." + k, v.reveal()));
        // Every query sees the newest snapshot the sink committed.
        props.put(prefix + ".cache-enabled", "false");
        return props;
    }

    /** One line for people: the catalog's kind, where it is (if it has an address) and its warehouse. */
    public String summary() {
        String impl = properties.getOrDefault("catalog-impl", properties.getOrDefault("type", "unknown"));
        String uri = properties.containsKey("uri") ? " at " + properties.get("uri") : "";
        return name + ": " + impl.substring(impl.lastIndexOf('.') + 1) + uri + ", warehouse "
                + properties.getOrDefault("warehouse", "(none)");
    }

    @Override
    public String toString() {
        return "CatalogSpec[" + name + ", " + properties + ", secret keys=" + secretProperties.keySet()
                + (labJvmSecrets.isEmpty() ? "" : ", lab-only secret keys=" + labJvmSecrets.keySet()) + "]";
    }
}
