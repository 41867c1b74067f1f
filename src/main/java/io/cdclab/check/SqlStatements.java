package io.cdclab.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a schema file into statements at top-level semicolons, keeping each one's first line for error messages.
 * Written here rather than left to JSqlParser because a team's file holds statements JSqlParser cannot parse
 * (DO blocks, PL/pgSQL functions in dollar quotes) that must be skipped, not fail the file, and because an
 * error has to name the line. Knows PostgreSQL's lexical rules that hide a semicolon: quotes, E'' escapes,
 * dollar quotes, line and (nested) block comments. Comments are dropped from the statements' text.
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
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int depth = 0;
                do {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        line += sql.charAt(i) == '\n' ? 1 : 0;
                        i++;
                    }
                } while (i < n && depth > 0);
                current.append(' ');
                continue;
            }
            if (c == ';') {
                add(statements, current, startLine);
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            }
            if (startLine < 0 && !Character.isWhitespace(c)) {
                startLine = line;
            }
            int end = i + 1;
            if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                end = quotedEnd(sql, i, '\'', escapes);
            } else if (c == '"') {
                end = quotedEnd(sql, i, '"', false);
            } else if (c == '$') {
                end = dollarQuotedEnd(sql, i);
            }
            String token = sql.substring(i, end);
            line += (int) token.chars().filter(ch -> ch == '\n').count();
            current.append(token);
            i = end;
        }
        add(statements, current, startLine);
        return statements;
    }

    private static void add(List<Statement> statements, StringBuilder text, int line) {
        String s = text.toString().strip();
        if (!s.isEmpty()) {
            statements.add(new Statement(s, line));
        }
    }

    /** The index after the closing quote (a doubled quote, or a backslash in an E'' string, escapes it). */
    private static int quotedEnd(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** {@code $tag$ ... $tag$}; a {@code $} that opens no tag (a parameter {@code $1}) is one character. */
    private static int dollarQuotedEnd(String sql, int open) {
        int close = open + 1;
        while (close < sql.length() && (Character.isLetterOrDigit(sql.charAt(close)) || sql.charAt(close) == '_')) {
            close++;
        }
        if (close >= sql.length() || sql.charAt(close) != '$' || Character.isDigit(sql.charAt(open + 1))) {
            return open + 1;
        }
        String tag = sql.substring(open, close + 1);
        int end = sql.indexOf(tag, close + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }
}
