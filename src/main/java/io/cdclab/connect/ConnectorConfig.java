package io.cdclab.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A connector's name and configuration: the JSON body a team POSTs to {@code /connectors} in production.
 * Immutable; {@link #with} returns a changed copy, so a fixture can be specialised per test.
 */
public final class ConnectorConfig {
    private final String name;
    private final Map<String, String> config;

    public ConnectorConfig(String name, Map<String, String> config) {
        this.name = Objects.requireNonNull(name, "connector name");
        this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    public String name() {
        return name;
    }

    public Map<String, String> config() {
        return config;
    }

    public String get(String key) {
        return config.get(key);
    }

    public String connectorClass() {
        return config.get("connector.class");
    }

    public ConnectorConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.put(key, value);
        return new ConnectorConfig(name, copy);
    }

    public ConnectorConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.putAll(overrides);
        return new ConnectorConfig(name, copy);
    }

    public ConnectorConfig without(String key) {
        Map<String, String> copy = new LinkedHashMap<>(config);
        copy.remove(key);
        return new ConnectorConfig(name, copy);
    }

    public ConnectorConfig named(String newName) {
        return new ConnectorConfig(newName, config);
    }

    /** Names and keys only: values may hold secrets (even resolved ones), so they are not printed. */
    @Override
    public String toString() {
        return "ConnectorConfig[" + name + ", keys=" + config.keySet() + "]";
    }
}
