package io.cdclab.check;

import io.cdclab.pipeline.SqlScript;

import java.util.List;

/**
 * Splits a schema file into statements as psql does ({@link SqlScript}, which loads the same file into the lab's
 * PostgreSQL), keeping each one's first line for error messages. Split here rather than by JSqlParser because a
 * team's file holds statements JSqlParser cannot parse (DO blocks, PL/pgSQL functions in dollar quotes, a dump's
 * COPY data and psql meta-commands) that must be skipped, not fail the file, and because an error has to name the
 * line. Comments are dropped from the statements' text.
 */
final class SqlStatements {
    private SqlStatements() {
    }

    /** One statement without its semicolon and comments; {@code line} is where its first token starts (1-based). */
    record Statement(String text, int line) {
        /** The statement's start, for an error message: its first 60 characters on one line. */
        String start() {
            String oneLine = text.replaceAll("\\s+", " ").strip();
            return oneLine.length() > 60 ? oneLine.substring(0, 60) + "..." : oneLine;
        }
    }

    static List<Statement> split(String sql) {
        return SqlScript.fromText("", sql).parsedStatements().stream()
                .map(s -> new Statement(s.text(), s.line()))
                .toList();
    }
}
