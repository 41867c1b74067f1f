package io.cdclab.util;

import io.cdclab.errors.LabException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Settings kept as a commented {@code .properties} file beside the class that applies them: each setting with the
 * comment that says why, in the form a team copies into its own worker or connector config.
 */
public final class PropertiesResource {
    private PropertiesResource() {
    }

    /**
     * The settings of {@code name}, a resource in {@code owner}'s package, in the file's order (so that config files
     * written from them read in the same order); a new map on each call, the caller's to change.
     */
    public static Map<String, String> read(Class<?> owner, String name) {
        Map<String, String> settings = new LinkedHashMap<>();
        Properties inFileOrder = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                settings.put(key.toString(), value.toString());
                return super.put(key, value);
            }
        };
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new LabException("The settings file " + where(owner, name) + " is not on the classpath: the lab's "
                        + "jar or target/classes is incomplete. Rebuild it (mvn -q compile).");
            }
            inFileOrder.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("Cannot read the settings file " + where(owner, name) + ": " + e.getMessage(), e);
        }
        return settings;
    }

    private static String where(Class<?> owner, String name) {
        return owner.getPackageName().replace('.', '/') + "/" + name;
    }
}
