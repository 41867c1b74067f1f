package io.cdclab.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a schema file says about partitioning and publications, for scenario K7's rule: the key of a
 * {@code CREATE TABLE ... PARTITION BY}, each partition ({@code CREATE TABLE c PARTITION OF p ...} as migrations
 * write it, {@code ALTER TABLE p ATTACH PARTITION c ...} as pg_dump writes it, {@code DETACH PARTITION}), and each
 * publication's {@code publish_via_partition_root} ({@code CREATE PUBLICATION ... WITH (...)},
 * {@code ALTER PUBLICATION ... SET (...)}). By regular expression: JSqlParser 5.3 parses none of these.
 */
final class PartitionSqlReader {
    private static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[^\\s(.\"]+)(?:\\.(?:\"(?:[^\"]|\"\")+\"|[^\\s(.\"]+))?)";
    private static final Pattern PARTITION_KEY = Pattern.compile(
            "(?is)create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME + "\\s*\\(.*\\)\\s*partition\\s+by\\s+"
                    + "((?:range|list|hash)\\s*\\(.*\\))\\s*$");
    private static final Pattern PARTITION_OF = Pattern.compile(
            "(?is)create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?" + NAME + "\\s+partition\\s+of\\s+" + NAME
                    + "\\s*(?:\\(.*?\\)\\s*)?((?:for\\s+values|default)\\b.*?)(?:\\s+partition\\s+by\\s+.*)?$");
    private static final Pattern ATTACH = Pattern.compile(
            "(?is)alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "\\s+attach\\s+partition\\s+" + NAME
                    + "\\s+((?:for\\s+values|default)\\b.*)$");
    private static final Pattern DETACH = Pattern.compile(
            "(?is)alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?" + NAME + "\\s+detach\\s+partition\\s+" + NAME + ".*");
    private static final Pattern CREATE_PUBLICATION = Pattern.compile(
            "(?is)create\\s+publication\\s+" + NAME + "(.*?)(?:\\bwith\\s*\\((.*)\\))?\\s*$");
    private static final Pattern ALTER_PUBLICATION_SET = Pattern.compile(
            "(?is)alter\\s+publication\\s+" + NAME + "\\s+set\\s*\\((.*)\\)\\s*$");
    private static final Pattern VIA_ROOT = Pattern.compile(
            "(?is)(?:^|,)\\s*publish_via_partition_root\\s*(?:=\\s*'?([a-z0-9]+)'?)?\\s*(?=,|$)");

    /** Partitioned tables by qualified name, in the order the file creates them. */
    private final Map<String, Draft> partitioned = new LinkedHashMap<>();
    private final Map<String, Boolean> publications = new LinkedHashMap<>();

    private record Draft(String schema, String name, String key, Map<String, SchemaModel.Partition> partitions) {
    }

    /**
     * Reads {@code text} if it is one of the statements above; {@code tables} gets a {@code PARTITION OF} table
     * as a table of its own, with its parent's columns and key (a parent the file does not create is an error:
     * the partition's columns are its parent's). Returns whether the statement was one of them.
     */
    boolean read(SqlStatements.Statement statement, String sourceName, Map<String, SchemaSqlReader.TableDraft> tables) {
        String text = statement.text();
        Matcher m = PARTITION_OF.matcher(text);
        if (m.matches()) {
            String[] child = SchemaCatalogReader.split(m.group(1));
            String parent = qualified(m.group(2));
            addPartition(parent, child, m.group(3));
            SchemaSqlReader.TableDraft parentTable = tables.get(parent);
            if (parentTable == null) {
                throw SchemaSqlReader.unreadable(statement, sourceName, "PARTITION OF " + parent + ", which the file "
                        + "does not create before it: a partition's columns are its parent's");
            }
            SchemaSqlReader.TableDraft table = new SchemaSqlReader.TableDraft(child[0], child[1]);
            parentTable.columns.forEach(c -> table.addColumn(c.name(), c.type(), c.notNull()));
            if (!parentTable.primaryKey.isEmpty()) {
                table.setPrimaryKey(child[1] + "_pkey", parentTable.primaryKey);
            }
            tables.put(table.qualifiedName(), table);
            return true;
        }
        m = ATTACH.matcher(text);
        if (m.matches()) {
            addPartition(qualified(m.group(1)), SchemaCatalogReader.split(m.group(2)), m.group(3));
            return true;
        }
        m = DETACH.matcher(text);
        if (m.matches()) {
            Draft draft = partitioned.get(qualified(m.group(1)));
            if (draft != null) {
                draft.partitions().remove(qualified(m.group(2)));
            }
            return true;
        }
        m = CREATE_PUBLICATION.matcher(text);
        if (m.matches()) {
            String name = Identifiers.name(m.group(1));
            publications.put(name, viaRoot(m.group(3)).orElse(false));
            return true;
        }
        m = ALTER_PUBLICATION_SET.matcher(text);
        if (m.matches()) {
            String name = Identifiers.name(m.group(1));
            viaRoot(m.group(2)).ifPresent(v -> publications.put(name, v));
            return true;
        }
        return false;
    }

    /** Notes the partition key of a {@code CREATE TABLE ... PARTITION BY} (the table itself is read elsewhere). */
    void readPartitionKey(String text) {
        Matcher m = PARTITION_KEY.matcher(text);
        if (m.matches()) {
            String[] name = SchemaCatalogReader.split(m.group(1));
            String key = m.group(2).replaceAll("\\s+", " ").strip();
            String strategy = key.substring(0, key.indexOf('(')).strip().toUpperCase(Locale.ROOT);
            partitioned.put(name[0] + "." + name[1], new Draft(name[0], name[1],
                    strategy + " " + key.substring(key.indexOf('(')), new LinkedHashMap<>()));
        }
    }

    private void addPartition(String parent, String[] child, String bound) {
        Draft draft = partitioned.get(parent);
        if (draft != null) {
            draft.partitions().put(child[0] + "." + child[1], new SchemaModel.Partition(child[0], child[1],
                    bound.replaceAll("\\s+", " ").strip()));
        }
    }

    List<SchemaModel.PartitionedTable> partitioned() {
        List<SchemaModel.PartitionedTable> result = new ArrayList<>();
        partitioned.values().forEach(d -> result.add(new SchemaModel.PartitionedTable(d.schema(), d.name(), d.key(),
                List.copyOf(d.partitions().values()))));
        return result;
    }

    List<SchemaModel.Publication> publications() {
        List<SchemaModel.Publication> result = new ArrayList<>();
        publications.forEach((name, viaRoot) -> result.add(new SchemaModel.Publication(name, viaRoot)));
        return result;
    }

    /** {@code publish_via_partition_root}'s value in a WITH or SET list: a boolean option alone means true. */
    static Optional<Boolean> viaRoot(String options) {
        if (options == null) {
            return Optional.empty();
        }
        Matcher m = VIA_ROOT.matcher(options.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(1) == null ? "true" : m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(value.equals("true") || value.equals("on") || value.equals("1") || value.equals("yes"));
    }

    private static String qualified(String written) {
        String[] name = SchemaCatalogReader.split(written);
        return name[0] + "." + name[1];
    }
}
