package io.cdclab.check.rules;

import io.cdclab.check.CheckInput;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What several rules read from a connector config: quoted evidence (never a secret's value), the catalog kind. */
final class Configs {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:.*}");
    private static final Pattern LAB_PLACEHOLDER = Pattern.compile("\\{\\{[^}]+}}");
    private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "credential",
            "access-key", "access.key", "accesskey", "key-id", "key.id", "private.key", "private-key", "api.key",
            "api-key", "apikey", "sasl.jaas.config");

    private Configs() {
    }

    /** {@code file: key = value}, or only the key where the key names a secret. */
    static String quote(CheckInput.Connector connector, String key) {
        String value = connector.get(key);
        if (value == null) {
            return file(connector) + " has no " + key;
        }
        return file(connector) + ": " + key + (isSecretKey(key) ? " (value not shown)" : " = " + value);
    }

    static String file(CheckInput.Connector connector) {
        String f = connector.file();
        int slash = Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\'));
        return slash < 0 ? f : f.substring(slash + 1);
    }

    /** Whether a key holds a secret: a password, a key, a token; a provider's class name is not one. */
    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("provider") || k.endsWith(".class") || k.endsWith(".type") || k.endsWith(".location")
                || k.endsWith(".file") || k.endsWith(".path")) {
            return false;
        }
        return SECRET_WORDS.stream().anyMatch(k::contains);
    }

    /** {@code ${env:X}}, {@code ${file:/path:key}}: resolved by the worker, kept out of the config topic. */
    static boolean isReference(String value) {
        return REFERENCE.matcher(value.strip()).matches();
    }

    /** A {@code {{placeholder}}} the lab fills in (the team's own ones are filled before the rules run). */
    static boolean isLabPlaceholder(String value) {
        return LAB_PLACEHOLDER.matcher(value.strip()).matches();
    }

    static int intValue(CheckInput.Connector connector, String key, int fallback) {
        String value = connector.get(key);
        if (value == null || isLabPlaceholder(value)) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static boolean isApacheIcebergSink(CheckInput.Connector sink) {
        return "org.apache.iceberg.connect.IcebergSinkConnector".equals(sink.get("connector.class"));
    }

    /** The catalog the sink config names, when it names one ({@code iceberg.catalog.type} or {@code catalog-impl}). */
    static Optional<String> catalogKind(CheckInput.Connector sink) {
        String type = sink.get("iceberg.catalog.type");
        if (type != null && !isLabPlaceholder(type)) {
            return Optional.of(type.strip().toLowerCase(Locale.ROOT));
        }
        String impl = sink.get("iceberg.catalog.catalog-impl");
        if (impl == null) {
            return Optional.empty();
        }
        if (impl.endsWith(".GlueCatalog")) {
            return Optional.of("glue");
        }
        if (impl.endsWith(".JdbcCatalog")) {
            return Optional.of("jdbc");
        }
        return Optional.of(impl);
    }

    /** Whether the sink config names the catalog {@code kind} ({@code glue}, {@code jdbc}). */
    static boolean isCatalog(CheckInput.Connector sink, String kind) {
        return catalogKind(sink).filter(kind::equals).isPresent();
    }

    /** Debezium's {@code plugin.name}, {@code decoderbufs} by default. */
    static String plugin(CheckInput.Connector source) {
        return source.getOrDefault("plugin.name", "decoderbufs").strip().toLowerCase(Locale.ROOT);
    }

    /** Debezium's {@code publication.autocreate.mode}, {@code all_tables} by default. */
    static String publicationMode(CheckInput.Connector source) {
        return source.getOrDefault("publication.autocreate.mode", "all_tables").strip().toLowerCase(Locale.ROOT);
    }

    /** The key that names the catalog kind, for the evidence. */
    static String catalogKey(CheckInput.Connector sink) {
        return sink.get("iceberg.catalog.type") != null ? "iceberg.catalog.type" : "iceberg.catalog.catalog-impl";
    }

    /** The aliases in {@code transforms}, in order. */
    static List<String> transforms(CheckInput.Connector connector) {
        String list = connector.get("transforms");
        return list == null || list.isBlank() ? List.of()
                : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** JsonConverter with {@code value.converter.schemas.enable=false}: records without their Connect schema. */
    static boolean isSchemalessJson(CheckInput.Connector connector) {
        String converter = connector.get("value.converter");
        return converter != null && converter.strip().equals("org.apache.kafka.connect.json.JsonConverter")
                && "false".equalsIgnoreCase(connector.getOrDefault("value.converter.schemas.enable", "true").strip());
    }

    /** {@code time.precision.mode=connect}: Connect's own time types, not Debezium's (adaptive, the default). */
    static boolean isConnectTimePrecision(CheckInput.Connector source) {
        return "connect".equalsIgnoreCase(source.getOrDefault("time.precision.mode", "adaptive").strip());
    }

    /** Like {@link #quote}, but a key left out is said to be at Debezium's default, {@code fallback}. */
    static String quoteOrDefault(CheckInput.Connector source, String key, String fallback) {
        return source.get(key) == null ? file(source) + " leaves " + key + " at Debezium's default, " + fallback
                : quote(source, key);
    }

    /** Debezium's {@code decimal.handling.mode}, {@code precise} by default. */
    static String decimalMode(CheckInput.Connector source) {
        return source.getOrDefault("decimal.handling.mode", "precise").strip().toLowerCase(Locale.ROOT);
    }
}
