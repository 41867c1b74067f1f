package io.cdclab.check;

import io.cdclab.errors.LabException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code ALTER TABLE} actions and {@code CREATE UNIQUE INDEX} statements that change what the rules look
 * at, narrowly and by hand rather than through JSqlParser. Checked against JSqlParser 5.3: it keeps
 * {@code REPLICA IDENTITY ...} only as an unparsed "unspecific" string, refuses PostgreSQL's
 * {@code ALTER COLUMN c SET DATA TYPE t}, and models each ADD differently (a primary key as an index, a unique
 * constraint as a column list), so reading these few actions directly is smaller and fails on less. Handled:
 * {@code ADD [CONSTRAINT n] PRIMARY KEY (...)}, {@code ADD [CONSTRAINT n] UNIQUE (...)}, {@code ADD [COLUMN] c type},
 * {@code ALTER [COLUMN] c [SET DATA] TYPE t}, {@code SET/DROP NOT NULL}, {@code DROP [COLUMN] c},
 * {@code DROP CONSTRAINT n}, {@code REPLICA IDENTITY ...}; every other action (OWNER TO, SET STORAGE, ADD FOREIGN
 * KEY, ...) is ignored, so a pg_dump's file reads.
 */
final class AlterTableReader {
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of("NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE",
            "REFERENCES", "CHECK", "CONSTRAINT", "COLLATE", "GENERATED");

    private AlterTableReader() {
    }

    static void apply(SqlStatements.Statement statement, String sourceName,
                      Map<String, SchemaSqlReader.TableDraft> tables) {
        Tokens t = new Tokens(tokenize(statement.text()), statement, sourceName);
        if (t.accept("CREATE")) {
            t.expect("UNIQUE");
            createUniqueIndex(t, tables);
            return;
        }
        t.expect("ALTER");
        t.expect("TABLE");
        t.accept("IF");
        t.accept("EXISTS");
        t.accept("ONLY");
        SchemaSqlReader.TableDraft table = tables.get(t.qualifiedName());
        t.accept("*");
        if (table == null) {
            return; // a table this file does not create: nothing the rules can use
        }
        for (List<String> action : t.restSplitAtCommas()) {
            alter(table, new Tokens(action, statement, sourceName));
        }
    }

    private static void createUniqueIndex(Tokens t, Map<String, SchemaSqlReader.TableDraft> tables) {
        t.expect("INDEX");
        t.accept("CONCURRENTLY");
        String name = null;
        if (t.accept("IF")) {
            t.expect("NOT");
            t.expect("EXISTS");
        }
        if (!t.peekIs("ON")) {
            name = Identifiers.name(t.next());
        }
        t.expect("ON");
        t.accept("ONLY");
        SchemaSqlReader.TableDraft table = tables.get(t.qualifiedName());
        if (t.accept("USING")) {
            t.next();
        }
        List<String> columns = t.columnList();
        boolean partial = t.rest().stream().anyMatch(w -> w.equalsIgnoreCase("WHERE"));
        if (table == null || columns.isEmpty()) {
            return; // an expression index, or a table this file does not create
        }
        if (name == null) {
            name = table.name + "_" + String.join("_", columns) + "_idx";
        }
        if (partial) {
            return; // not unique over the whole table, and never a replica identity
        }
        table.addUnique(name, columns);
    }

    private static void alter(SchemaSqlReader.TableDraft table, Tokens t) {
        if (t.accept("REPLICA")) {
            t.expect("IDENTITY");
            String kind = t.next().toUpperCase(Locale.ROOT);
            switch (kind) {
                case "DEFAULT" -> table.identity = SchemaModel.ReplicaIdentity.DEFAULT;
                case "FULL" -> table.identity = SchemaModel.ReplicaIdentity.FULL;
                case "NOTHING" -> table.identity = SchemaModel.ReplicaIdentity.NOTHING;
                case "USING" -> {
                    t.expect("INDEX");
                    table.identity = SchemaModel.ReplicaIdentity.INDEX;
                    table.identityIndexName = Identifiers.name(t.next());
                }
                default -> throw t.unreadable("REPLICA IDENTITY " + kind + " is none of DEFAULT, FULL, NOTHING, USING INDEX");
            }
        } else if (t.accept("ADD")) {
            String constraintName = null;
            if (t.accept("CONSTRAINT")) {
                constraintName = Identifiers.name(t.next());
            }
            if (t.accept("PRIMARY")) {
                t.expect("KEY");
                if (!t.peekIs("USING")) {
                    table.setPrimaryKey(constraintName != null ? constraintName : table.name + "_pkey", t.columnList());
                }
            } else if (t.accept("UNIQUE")) {
                if (t.accept("NULLS")) {
                    t.accept("NOT");
                    t.expect("DISTINCT");
                }
                if (!t.peekIs("USING")) {
                    List<String> columns = t.columnList();
                    table.addUnique(constraintName != null ? constraintName
                            : table.name + "_" + String.join("_", columns) + "_key", columns);
                }
            } else if (constraintName == null && !t.peekIsAny("FOREIGN", "CHECK", "EXCLUDE")) {
                t.accept("COLUMN");
                if (t.accept("IF")) {
                    t.expect("NOT");
                    t.expect("EXISTS");
                }
                addColumn(table, t);
            }
        } else if (t.accept("ALTER")) {
            t.accept("COLUMN");
            String column = Identifiers.name(t.next());
            boolean set = t.accept("SET");
            boolean drop = !set && t.accept("DROP");
            if (!drop && (t.accept("DATA") || !set) && t.accept("TYPE")) {
                table.replaceType(column, PgTypes.normalize(t.typeText()));
            } else if ((set || drop) && t.accept("NOT") && t.accept("NULL")) {
                table.column(column).ifPresent(c -> table.replaceNotNull(c.name(), set));
            }
        } else if (t.accept("DROP")) {
            if (t.accept("CONSTRAINT")) {
                t.accept("IF");
                t.accept("EXISTS");
                String name = Identifiers.name(t.next());
                List<String> key = table.namedKeys.remove(name);
                if (key != null && key.equals(table.primaryKey)) {
                    table.primaryKey = List.of();
                } else if (key != null) {
                    table.uniqueKeys.remove(key);
                }
            } else {
                t.accept("COLUMN");
                t.accept("IF");
                t.accept("EXISTS");
                String column = Identifiers.name(t.next());
                table.columns.removeIf(c -> c.name().equals(column));
            }
        }
    }

    private static void addColumn(SchemaSqlReader.TableDraft table, Tokens t) {
        String name = Identifiers.name(t.next());
        table.addColumn(name, PgTypes.normalize(t.typeText()), false);
        List<String> rest = t.rest().stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
        boolean notNull = false;
        for (int i = 0; i + 1 < rest.size(); i++) {
            notNull |= rest.get(i).equals("NOT") && rest.get(i + 1).equals("NULL");
            if (rest.get(i).equals("PRIMARY") && rest.get(i + 1).equals("KEY")) {
                table.setPrimaryKey(table.name + "_pkey", List.of(name));
            }
        }
        if (rest.contains("UNIQUE")) {
            table.addUnique(table.name + "_" + name + "_key", List.of(name));
        }
        if (notNull) {
            table.replaceNotNull(name, true);
        }
    }

    /** Words, quoted identifiers, strings, and single-character punctuation. */
    static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && !(text.charAt(end) == c
                        && (end + 1 >= text.length() || text.charAt(end + 1) != c))) {
                    end += text.charAt(end) == c ? 2 : 1;
                }
                tokens.add(text.substring(i, Math.min(end + 1, text.length())));
                i = end + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
                        || text.charAt(end) == '_' || text.charAt(end) == '$')) {
                    end++;
                }
                tokens.add(text.substring(i, end));
                i = end;
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    /** A cursor over one statement's (or one action's) tokens. */
    private static final class Tokens {
        private final List<String> tokens;
        private final SqlStatements.Statement statement;
        private final String sourceName;
        private int at;

        Tokens(List<String> tokens, SqlStatements.Statement statement, String sourceName) {
            this.tokens = tokens;
            this.statement = statement;
            this.sourceName = sourceName;
        }

        boolean peekIs(String word) {
            return at < tokens.size() && tokens.get(at).equalsIgnoreCase(word);
        }

        boolean peekIsAny(String... words) {
            for (String w : words) {
                if (peekIs(w)) {
                    return true;
                }
            }
            return false;
        }

        boolean accept(String word) {
            if (peekIs(word)) {
                at++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            if (!accept(word)) {
                throw unreadable("expected " + word + (at < tokens.size() ? " at '" + tokens.get(at) + "'" : " at the end"));
            }
        }

        String next() {
            if (at >= tokens.size()) {
                throw unreadable("it ends too early");
            }
            return tokens.get(at++);
        }

        /** {@code name} or {@code schema.name}, as {@code schema.name} (unqualified: public). */
        String qualifiedName() {
            String first = next();
            if (accept(".")) {
                return SchemaSqlReader.schemaOf(first) + "." + Identifiers.name(next());
            }
            return "public." + Identifiers.name(first);
        }

        /** {@code (a, b)}: the names; empty when an entry is an expression (a function call, an operator). */
        List<String> columnList() {
            expect("(");
            List<String> columns = new ArrayList<>();
            boolean expression = false;
            int depth = 1;
            String previous = "(";
            while (depth > 0) {
                String before = previous;
                String token = next();
                previous = token;
                if (token.equals("(")) {
                    depth++;
                    expression = true;
                } else if (token.equals(")")) {
                    depth--;
                } else if (depth == 1 && !token.equals(",")) {
                    if (!before.equals(",") && !before.equals("(")) {
                        continue; // an operator class, a collation or an ordering after the column name
                    }
                    columns.add(Identifiers.name(token));
                }
            }
            return expression ? List.of() : columns;
        }

        /** A type's words up to a column constraint, USING or COLLATE, e.g. {@code character varying ( 40 ) [ ]}. */
        String typeText() {
            StringBuilder type = new StringBuilder();
            int depth = 0;
            while (at < tokens.size()) {
                String token = tokens.get(at);
                String upper = token.toUpperCase(Locale.ROOT);
                if (depth == 0 && (COLUMN_CONSTRAINT_WORDS.contains(upper) || upper.equals("USING"))) {
                    break;
                }
                depth += token.equals("(") ? 1 : token.equals(")") ? -1 : 0;
                type.append(token.equals(".") ? "." : (type.length() == 0 || type.toString().endsWith(".") ? "" : " ") + token);
                at++;
            }
            if (type.length() == 0) {
                throw unreadable("no type after the column name");
            }
            return type.toString();
        }

        List<String> rest() {
            return tokens.subList(at, tokens.size());
        }

        List<List<String>> restSplitAtCommas() {
            List<List<String>> parts = new ArrayList<>();
            List<String> current = new ArrayList<>();
            int depth = 0;
            for (String token : rest()) {
                depth += token.equals("(") ? 1 : token.equals(")") ? -1 : 0;
                if (depth == 0 && token.equals(",")) {
                    parts.add(current);
                    current = new ArrayList<>();
                } else {
                    current.add(token);
                }
            }
            parts.add(current);
            return parts;
        }

        LabException unreadable(String why) {
            return SchemaSqlReader.unreadable(statement, sourceName, why);
        }
    }
}
