package io.cdclab.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cdclab.errors.LabException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connector config as a team keeps it for production ({@code fixtures/connectors/*.json}: the body POSTed to
 * {@code /connectors}), with {@code {{placeholders}}} for what differs per environment: endpoints, names,
 * topics. Secrets are not placeholders: they stay {@code ${env:VAR}} references, which the Connect worker
 * resolves itself through its config provider, so no secret reaches the Connect config topic.
 */
public final class ConnectorFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final String source;
    private final String name;
    private final Map<String, String> template;

    private ConnectorFixture(String source, String name, Map<String, String> template) {
        this.source = source;
        this.name = name;
        this.template = template;
    }

    /** Reads a fixture file; a missing or malformed file gets an error naming the path and what is expected. */
    public static ConnectorFixture load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LabException("Connector fixture " + file.toAbsolutePath() + " does not exist. Fixtures are the "
                    + "JSON bodies you POST to Connect's /connectors: {\"name\": ..., \"config\": {...}}"
                    + existing(file.getParent()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new LabException("Cannot read connector fixture " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads one of the lab's own fixtures from the classpath ({@code fixtures/connectors/<name>.json}). */
    public static ConnectorFixture builtIn(String fixtureName) {
        String resource = "fixtures/connectors/" + fixtureName + ".json";
        try (InputStream in = ConnectorFixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new LabException("No built-in connector fixture '" + fixtureName + "' (looked for " + resource
                        + " on the classpath). Built-in fixtures: debezium-postgres, iceberg-sink, iceberg-sink-changelog.");
            }
            return parse(resource, in);
        } catch (IOException e) {
            throw new LabException("Cannot read connector fixture " + resource + ": " + e.getMessage(), e);
        }
    }

    private static ConnectorFixture parse(String source, InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new LabException("Connector fixture " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("config").isObject()) {
            throw new LabException("Connector fixture " + source + " has no \"config\" object. Expected the body of "
                    + "POST /connectors: {\"name\": \"...\", \"config\": {\"connector.class\": \"...\", ...}}");
        }
        Map<String, String> config = new LinkedHashMap<>();
        root.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return new ConnectorFixture(source, root.path("name").asText(""), config);
    }

    private static String existing(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return ".";
        }
        try (var files = Files.list(dir)) {
            return ". Fixtures in " + dir + ": " + files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return ".";
        }
    }

    /** Every placeholder the fixture uses, sorted. */
    public TreeSet<String> placeholders() {
        TreeSet<String> names = new TreeSet<>();
        collect(name, names);
        template.forEach((k, v) -> collect(v, names));
        return names;
    }

    private static void collect(String text, TreeSet<String> into) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    /**
     * Fills every placeholder from {@code values}. A placeholder without a value is an error that names it, the
     * fixture, and the values that were available.
     */
    public ConnectorConfig render(Map<String, String> values) {
        TreeSet<String> missing = new TreeSet<>(placeholders());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new LabException("Connector fixture " + source + " uses placeholder(s) " + missing
                    + " that the lab has no value for. Known placeholders: " + new TreeSet<>(values.keySet())
                    + ". Fix the spelling, or pass the value with ConnectorSpec.set(...).");
        }
        Map<String, String> config = new LinkedHashMap<>();
        template.forEach((k, v) -> config.put(k, fill(v, values)));
        return new ConnectorConfig(fill(name, values), config);
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String source() {
        return source;
    }

    /** The raw template, for tests and documentation. */
    public Map<String, String> template() {
        return Map.copyOf(template);
    }

}
