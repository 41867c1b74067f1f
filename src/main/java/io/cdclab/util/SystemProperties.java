package io.cdclab.util;

import java.util.HashMap;
import java.util.Map;

/** The JVM's system properties as a plain map, the form settings parsers take (so tests can pass their own). */
public final class SystemProperties {
    private SystemProperties() {
    }

    public static Map<String, String> asMap() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(k.toString(), v.toString()));
        return properties;
    }
}
