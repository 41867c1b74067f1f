package io.cdclab.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tables a pipeline captures, as the rules need them: columns and their types, the key, the replica identity
 * and the unique indexes; which of them are partitioned and into what partitions; and the publications the schema
 * creates. Built from a schema SQL file ({@code SchemaSqlReader}, no database needed) or from a live database
 * ({@code SchemaCatalogReader}, by JDBC); both give the same tables and partitioning for the same schema (the live
 * reader adds the database's publications when asked: they are the database's, not the captured tables').
 */
public record SchemaModel(List<Table> tables, List<PartitionedTable> partitioned, List<Publication> publications) {
    public SchemaModel {
        tables = List.copyOf(tables);
        partitioned = List.copyOf(partitioned);
        publications = List.copyOf(publications);
    }

    /** Tables only: no partitioned table, no publication. */
    public SchemaModel(List<Table> tables) {
        this(tables, List.of(), List.of());
    }

    /** The partitioning of {@code qualifiedName} when it is a partitioned table ({@code PARTITION BY}). */
    public Optional<PartitionedTable> partitioning(String qualifiedName) {
        String wanted = qualifiedName.contains(".") ? qualifiedName : "public." + qualifiedName;
        return partitioned.stream().filter(p -> p.qualifiedName().equalsIgnoreCase(wanted)).findFirst();
    }

    /** The publication named {@code name} (PostgreSQL folds unquoted names to lower case). */
    public Optional<Publication> publication(String name) {
        return publications.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** This model with only {@code kept} of its tables, and the partitioning of those; the publications stay. */
    public SchemaModel only(List<Table> kept) {
        List<PartitionedTable> keptPartitioning = kept.stream().map(t -> partitioning(t.qualifiedName()))
                .flatMap(Optional::stream).toList();
        return new SchemaModel(kept, keptPartitioning, publications);
    }

    /**
     * A partitioned table: its partition key as PostgreSQL's {@code pg_get_partkeydef()} spells it
     * ({@code RANGE (taken_on)}), and its partitions, each with its bound ({@code FOR VALUES FROM (...) TO (...)},
     * {@code DEFAULT}).
     */
    public record PartitionedTable(String schema, String name, String key, List<Partition> partitions) {
        public PartitionedTable {
            partitions = List.copyOf(partitions);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    public record Partition(String schema, String name, String bound) {
        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /**
     * A publication the schema creates ({@code CREATE PUBLICATION}, changed by {@code ALTER PUBLICATION ... SET}):
     * whether it publishes a partition's changes under its root's name ({@code publish_via_partition_root}).
     */
    public record Publication(String name, boolean viaPartitionRoot) {
    }

    /** The table {@code schema.name} (unquoted names compared case-insensitively, as PostgreSQL folds them). */
    public Optional<Table> table(String qualifiedName) {
        String wanted = qualifiedName.contains(".") ? qualifiedName : "public." + qualifiedName;
        return tables.stream().filter(t -> t.qualifiedName().equalsIgnoreCase(wanted)).findFirst();
    }

    /** What UPDATE and DELETE write to the WAL for logical decoding ({@code ALTER TABLE ... REPLICA IDENTITY}). */
    public enum ReplicaIdentity {
        /** The primary key's columns, or nothing when there is none. */
        DEFAULT,
        /** Every column. */
        FULL,
        /** The columns of one unique index ({@code USING INDEX}). */
        INDEX,
        /** Nothing: UPDATE and DELETE cannot be published. */
        NOTHING
    }

    /**
     * @param primaryKey   the primary key's columns in key order; empty for a keyless table
     * @param uniqueKeys   each unique index or constraint's columns (not the primary key)
     * @param identityIndex the index's columns when the replica identity is {@code INDEX}, else empty
     */
    public record Table(String schema, String name, List<Column> columns, List<String> primaryKey,
                        ReplicaIdentity replicaIdentity, List<List<String>> uniqueKeys, List<String> identityIndex) {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
            identityIndex = List.copyOf(identityIndex);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }

        public Optional<Column> column(String columnName) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
        }

        /** Whether UPDATE and DELETE on it can be published at all: a key, a full or an index identity. */
        public boolean publishesUpdates() {
            return switch (replicaIdentity) {
                case FULL, INDEX -> true;
                case DEFAULT -> !primaryKey.isEmpty();
                case NOTHING -> false;
            };
        }
    }

    /**
     * @param type the type as PostgreSQL's {@code format_type()} spells it, lower case: {@code integer},
     *             {@code numeric}, {@code numeric(12,2)}, {@code time without time zone},
     *             {@code timestamp with time zone}, {@code character varying(40)}, {@code text}, {@code jsonb},
     *             {@code bytea}, {@code integer[]}, {@code uuid}
     */
    public record Column(String name, String type, boolean notNull) {
        public Column {
            type = type.toLowerCase(Locale.ROOT).strip();
        }

        /** The type without its modifier or array brackets: {@code numeric(12,2)} and {@code numeric[]} give {@code numeric}. */
        public String baseType() {
            String t = type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
            int paren = t.indexOf('(');
            return (paren < 0 ? t : t.substring(0, paren) + t.substring(t.indexOf(')') + 1)).strip();
        }

        public boolean isArray() {
            return type.endsWith("[]");
        }
    }
}
