package io.cdclab.errors;

import java.sql.SQLException;

/**
 * PostgreSQL refused the application's SQL. Carries PostgreSQL's own message and SQLSTATE verbatim, since that
 * text is what the application would see (e.g. "cannot update table ... because it does not have a replica
 * identity and publishes updates").
 */
public final class SourceSqlException extends LabException {
    private final String sqlState;
    private final String serverMessage;

    public SourceSqlException(SQLException cause, String... statements) {
        super("PostgreSQL refused " + String.join("; ", statements) + ": " + cause.getMessage()
                + " (SQLSTATE " + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
        this.serverMessage = cause.getMessage();
    }

    public String sqlState() {
        return sqlState;
    }

    public String serverMessage() {
        return serverMessage;
    }
}
