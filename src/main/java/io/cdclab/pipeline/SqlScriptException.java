package io.cdclab.pipeline;

import io.cdclab.errors.LabException;

/**
 * PostgreSQL refused a statement of a SQL script. The message names the file, the statement's number and line,
 * PostgreSQL's own message and SQLSTATE, and the statement's start (never the whole file).
 */
public final class SqlScriptException extends LabException {
    private final String source;
    private final int statementNumber;
    private final int line;
    private final String sqlState;
    private final String serverMessage;

    SqlScriptException(String message, String source, ScriptStatement statement, int line, String sqlState,
                       String serverMessage, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.statementNumber = statement.number();
        this.line = line;
        this.sqlState = sqlState;
        this.serverMessage = serverMessage;
    }

    /** The script's file (or classpath resource). */
    public String source() {
        return source;
    }

    public int statementNumber() {
        return statementNumber;
    }

    /** The file line PostgreSQL's error points at: where its position falls, else the statement's first line. */
    public int line() {
        return line;
    }

    public String sqlState() {
        return sqlState;
    }

    /** PostgreSQL's message, verbatim. */
    public String serverMessage() {
        return serverMessage;
    }
}
