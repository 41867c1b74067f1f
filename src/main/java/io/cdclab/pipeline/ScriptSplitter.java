package io.cdclab.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a SQL script into statements where psql would send them: at a semicolon outside quotes, comments and
 * parentheses, and outside a {@code BEGIN ATOMIC ... END} function body. It knows PostgreSQL's lexical rules that
 * hide a semicolon: single quotes (with {@code E''} backslash escapes), double-quoted identifiers, dollar quotes with
 * any tag, {@code --} and nested {@code /* *}{@code /} comments. A {@code COPY ... FROM stdin} statement takes the
 * data lines after it, up to a line {@code \.}, as psql does; a backslash that starts a line outside a token is a
 * psql meta-command, which ends at the end of the line.
 */
final class ScriptSplitter {
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^COPY\\s.*\\bFROM\\s+STDIN\\b.*");
    private static final Pattern ROUTINE = Pattern.compile("(?is)^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(FUNCTION|PROCEDURE)\\b.*");

    private final String sql;
    private final List<ScriptStatement> statements = new ArrayList<>();
    private final List<ScriptStatement.MetaCommand> metaCommands = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private int i;
    private int line = 1;
    private int startLine = -1;
    private int parenDepth;
    private int blockDepth;
    private boolean lineHasToken;

    /** The statements and the meta-commands of a script, each in file order. */
    record Split(List<ScriptStatement> statements, List<ScriptStatement.MetaCommand> metaCommands) {
    }

    private ScriptSplitter(String sql) {
        this.sql = sql.startsWith("\uFEFF") ? sql.substring(1) : sql;
    }

    static Split split(String sql) {
        ScriptSplitter splitter = new ScriptSplitter(sql);
        splitter.run();
        return new Split(List.copyOf(splitter.statements), List.copyOf(splitter.metaCommands));
    }

    private void run() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '\n') {
                line++;
                lineHasToken = false;
                current.append(c);
                i++;
            } else if (Character.isWhitespace(c)) {
                current.append(c);
                i++;
            } else if (c == '\\' && !lineHasToken) {
                metaCommand();
            } else if (c == '-' && next == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && next == '*') {
                blockComment();
            } else if (c == ';' && parenDepth == 0 && blockDepth == 0) {
                i++;
                endStatement();
            } else {
                token(c);
            }
        }
        endStatement();
    }

    private void token(char c) {
        lineHasToken = true;
        if (startLine < 0) {
            startLine = line;
        }
        int end;
        if (c == '\'') {
            end = quotedEnd('\'', backslashEscapes());
        } else if (c == '"') {
            end = quotedEnd('"', false);
        } else if (c == '$' && !afterIdentifierChar()) {
            end = dollarQuotedEnd();
        } else if (Character.isLetter(c) || c == '_') {
            end = wordEnd();
            word(sql.substring(i, end));
        } else {
            parenDepth += c == '(' ? 1 : c == ')' && parenDepth > 0 ? -1 : 0;
            end = i + 1;
        }
        String text = sql.substring(i, end);
        line += (int) text.chars().filter(ch -> ch == '\n').count();
        current.append(text);
        i = end;
    }

    /** psql's rule for SQL-standard routine bodies: BEGIN (ATOMIC) and CASE open a block that END closes. */
    private void word(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if ((w.equals("begin") || w.equals("case")) && ROUTINE.matcher(current).matches()) {
            blockDepth++;
        } else if (w.equals("end") && blockDepth > 0) {
            blockDepth--;
        }
    }

    private void metaCommand() {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        metaCommands.add(new ScriptStatement.MetaCommand(line, sql.substring(i, end).strip()));
        i = end;
    }

    /** Nested, as PostgreSQL's are; its line breaks are kept so that positions still map to lines. */
    private void blockComment() {
        int depth = 0;
        current.append(' ');
        do {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else {
                if (sql.charAt(i) == '\n') {
                    line++;
                    current.append('\n');
                }
                i++;
            }
        } while (i < sql.length() && depth > 0);
    }

    private void endStatement() {
        String text = current.toString().strip();
        current.setLength(0);
        parenDepth = 0;
        blockDepth = 0;
        if (text.isEmpty()) {
            startLine = -1;
            return;
        }
        int number = statements.size() + 1;
        if (COPY_FROM_STDIN.matcher(text).matches()) {
            copyData(number, text);
        } else {
            statements.add(new ScriptStatement(number, startLine, text, null, 0));
        }
        startLine = -1;
    }

    /** The data lines after the COPY statement's line, up to a line that is {@code \.} (or the end of the file). */
    private void copyData(int number, String text) {
        int lineEnd = sql.indexOf('\n', i);
        i = lineEnd < 0 ? sql.length() : lineEnd + 1;
        line++;
        int dataLine = line;
        StringBuilder data = new StringBuilder();
        while (i < sql.length()) {
            int end = sql.indexOf('\n', i);
            end = end < 0 ? sql.length() : end;
            String dataRow = sql.substring(i, end);
            i = Math.min(end + 1, sql.length());
            line++;
            if (dataRow.stripTrailing().equals("\\.")) {
                break;
            }
            data.append(dataRow.endsWith("\r") ? dataRow.substring(0, dataRow.length() - 1) : dataRow).append('\n');
        }
        statements.add(new ScriptStatement(number, startLine, text, data.toString(), dataLine));
        lineHasToken = false;
    }

    /** An {@code E'...'} string: the E must be a word of its own, not the end of an identifier. */
    private boolean backslashEscapes() {
        if (i == 0 || Character.toLowerCase(sql.charAt(i - 1)) != 'e') {
            return false;
        }
        return i < 2 || !isIdentifierChar(sql.charAt(i - 2));
    }

    /** In PostgreSQL a {@code $} inside an identifier ({@code a$b}) is part of it, not a quote. */
    private boolean afterIdentifierChar() {
        return i > 0 && isIdentifierChar(sql.charAt(i - 1));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private int wordEnd() {
        int end = i + 1;
        while (end < sql.length() && isIdentifierChar(sql.charAt(end))) {
            end++;
        }
        return end;
    }

    /** The index after the closing quote: a doubled quote, or a backslash in an E'' string, escapes it. */
    private int quotedEnd(char quote, boolean backslash) {
        int at = i + 1;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (backslash && c == '\\') {
                at += 2;
            } else if (c == quote) {
                if (at + 1 < sql.length() && sql.charAt(at + 1) == quote) {
                    at += 2;
                } else {
                    return at + 1;
                }
            } else {
                at++;
            }
        }
        return sql.length();
    }

    /** {@code $tag$ ... $tag$} (the tag may be empty); a {@code $} that opens no tag ({@code $1}) is one character. */
    private int dollarQuotedEnd() {
        int close = i + 1;
        while (close < sql.length() && (Character.isLetterOrDigit(sql.charAt(close)) || sql.charAt(close) == '_')) {
            close++;
        }
        if (close >= sql.length() || sql.charAt(close) != '$' || Character.isDigit(sql.charAt(i + 1))) {
            return i + 1;
        }
        String tag = sql.substring(i, close + 1);
        int end = sql.indexOf(tag, close + 1);
        return end < 0 ? sql.length() : end + tag.length();
    }
}
