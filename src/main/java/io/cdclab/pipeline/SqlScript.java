package io.cdclab.pipeline;

import io.cdclab.topology.LabException;
import io.cdclab.topology.SourceDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL file of the application's statements ({@code fixtures/sql/*.sql}): comments dropped, split at semicolons
 * that end a line, each statement run in its own transaction, as separate application writes would be.
 */
public final class SqlScript {
    private final String source;
    private final List<String> statements;

    private SqlScript(String source, List<String> statements) {
        this.source = source;
        this.statements = List.copyOf(statements);
    }

    public static SqlScript builtIn(String name) {
        String resource = "fixtures/sql/" + name + ".sql";
        try (InputStream in = SqlScript.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new LabException("No built-in SQL script '" + name + "' (looked for " + resource + " on the classpath).");
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LabException("Cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public static SqlScript load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new LabException("Cannot read SQL script " + file + ": " + e.getMessage(), e);
        }
    }

    static SqlScript parse(String source, String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return new SqlScript(source, statements);
    }

    public List<String> statements() {
        return statements;
    }

    public void runOn(SourceDatabase database) {
        try {
            database.execute(statements.toArray(String[]::new));
        } catch (LabException e) {
            throw new LabException("SQL script " + source + " failed: " + e.getMessage(), e);
        }
    }
}
