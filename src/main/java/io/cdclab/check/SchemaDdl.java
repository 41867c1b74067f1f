package io.cdclab.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Statements that recreate a {@link SchemaModel}'s tables: CREATE SCHEMA, CREATE TABLE with NOT NULL and the
 * primary key, the unique indexes, and the replica identity. So a pipeline checked against a live database (read by
 * JDBC, never written to) can still be probed on the lab's own PostgreSQL. Types are written as the model spells
 * them ({@code format_type()}); a type the lab's database lacks (an enum, a domain) fails there, by name: probe
 * such a schema from its SQL file instead.
 */
public final class SchemaDdl {
    /** PostgreSQL's reserved key words: a name that is one of them must be quoted. */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_catalog",
            "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
            "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit",
            "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary",
            "references", "returning", "select", "session_user", "some", "symmetric", "system_user", "table", "then",
            "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with");

    private SchemaDdl() {
    }

    public static List<String> of(SchemaModel model) {
        List<String> statements = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        model.tables().forEach(t -> schemas.add(t.schema()));
        schemas.stream().filter(s -> !s.equals("public")).forEach(s -> statements.add("CREATE SCHEMA IF NOT EXISTS " + quote(s)));
        Set<String> partitions = new HashSet<>();
        model.partitioned().forEach(p -> p.partitions().forEach(c -> partitions.add(c.qualifiedName())));
        for (SchemaModel.Table table : model.tables()) {
            if (partitions.contains(table.qualifiedName())) {
                continue;   // created below, by PARTITION OF its parent
            }
            Optional<SchemaModel.PartitionedTable> partitioning = model.partitioning(table.qualifiedName());
            statements.addAll(of(table, partitioning.map(p -> " PARTITION BY " + p.key()).orElse("")));
            partitioning.ifPresent(p -> p.partitions().forEach(c -> {
                if (!c.schema().equals(table.schema()) && schemas.add(c.schema())) {
                    statements.add("CREATE SCHEMA IF NOT EXISTS " + quote(c.schema()));
                }
                statements.add("CREATE TABLE " + quote(c.schema()) + "." + quote(c.name()) + " PARTITION OF "
                        + quote(table.schema()) + "." + quote(table.name()) + " " + c.bound());
            }));
        }
        return statements;
    }

    static List<String> of(SchemaModel.Table table) {
        return of(table, "");
    }

    /** {@code partitionBy}: the {@code PARTITION BY} clause of a partitioned table, else empty. */
    private static List<String> of(SchemaModel.Table table, String partitionBy) {
        String name = quote(table.schema()) + "." + quote(table.name());
        List<String> parts = new ArrayList<>();
        for (SchemaModel.Column c : table.columns()) {
            parts.add(quote(c.name()) + " " + c.type() + (c.notNull() ? " NOT NULL" : ""));
        }
        if (!table.primaryKey().isEmpty()) {
            parts.add("CONSTRAINT " + quote(indexName(table, "pkey", 0)) + " PRIMARY KEY (" + columns(table.primaryKey()) + ")");
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE " + name + " (" + String.join(", ", parts) + ")" + partitionBy);
        String identityIndex = table.identityIndex().equals(table.primaryKey()) ? indexName(table, "pkey", 0) : null;
        for (int i = 0; i < table.uniqueKeys().size(); i++) {
            List<String> key = table.uniqueKeys().get(i);
            String index = indexName(table, "key", i + 1);
            statements.add("CREATE UNIQUE INDEX " + quote(index) + " ON " + name + " (" + columns(key) + ")");
            if (identityIndex == null && key.equals(table.identityIndex())) {
                identityIndex = index;
            }
        }
        switch (table.replicaIdentity()) {
            case FULL -> statements.add("ALTER TABLE " + name + " REPLICA IDENTITY FULL");
            case NOTHING -> statements.add("ALTER TABLE " + name + " REPLICA IDENTITY NOTHING");
            case INDEX -> {
                if (identityIndex == null) {   // an identity index the model lists apart from the unique keys
                    identityIndex = indexName(table, "identity", 0);
                    statements.add("CREATE UNIQUE INDEX " + quote(identityIndex) + " ON " + name + " ("
                            + columns(table.identityIndex()) + ")");
                }
                statements.add("ALTER TABLE " + name + " REPLICA IDENTITY USING INDEX " + quote(identityIndex));
            }
            case DEFAULT -> {
            }
        }
        return statements;
    }

    /** {@code orders_pkey}, {@code orders_key1}: at most 63 bytes, PostgreSQL's limit for a name. */
    private static String indexName(SchemaModel.Table table, String kind, int n) {
        String suffix = "_" + kind + (n == 0 ? "" : Integer.toString(n));
        String base = table.name();
        while (base.getBytes(StandardCharsets.UTF_8).length + suffix.length() > 63) {
            base = base.substring(0, base.length() - 1);
        }
        return base + suffix;
    }

    private static String columns(List<String> names) {
        return names.stream().map(SchemaDdl::quote).collect(Collectors.joining(", "));
    }

    /** A name as is where PostgreSQL reads it back unchanged, else double-quoted. */
    static String quote(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
