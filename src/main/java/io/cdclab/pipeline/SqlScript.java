package io.cdclab.pipeline;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL file run with psql's statement semantics, without psql: the application's statements
 * ({@code fixtures/sql/*.sql}), a team's migrations, or a {@code pg_dump} plain-format file. Statements are split as
 * psql splits them ({@link ScriptSplitter}), each runs in its own transaction (autocommit, as psql and separate
 * application writes do), {@code COPY ... FROM stdin} blocks load through PgJDBC's CopyManager, psql meta-commands
 * are left out, and a dump's ownership and grants for roles this database lacks are skipped ({@link ScriptRoles}).
 */
public final class SqlScript {
    private static final Logger LOG = LoggerFactory.getLogger(SqlScript.class);
    /** pg_dump 17 writes {@code SET transaction_timeout = 0}, which a PostgreSQL 16 server does not know. */
    private static final Pattern SET_STATEMENT = Pattern.compile("(?is)^SET\\s+(SESSION\\s+|LOCAL\\s+)?[\\w.]+\\s*(=|TO)\\s.*");
    private static final String UNDEFINED_OBJECT = "42704";
    private static final Pattern COPY_LINE = Pattern.compile("\\bline (\\d+)\\b");

    private final String source;
    private final List<ScriptStatement> statements;
    private final List<ScriptStatement.MetaCommand> metaCommands;

    private SqlScript(String source, ScriptSplitter.Split split) {
        this.source = source;
        this.statements = split.statements();
        this.metaCommands = split.metaCommands();
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

    /** A script from text; {@code source} names it in errors (a file name). */
    public static SqlScript fromText(String source, String text) {
        return new SqlScript(source, ScriptSplitter.split(text));
    }

    static SqlScript parse(String source, String text) {
        return fromText(source, text);
    }

    /** The statements' text, without semicolons and comments (a COPY's data not included). */
    public List<String> statements() {
        return statements.stream().map(ScriptStatement::text).toList();
    }

    /** The statements with their lines and COPY data. */
    public List<ScriptStatement> parsedStatements() {
        return statements;
    }

    /** The psql meta-commands of the file ({@code \connect}, {@code \restrict}): never sent to the server. */
    public List<ScriptStatement.MetaCommand> metaCommands() {
        return metaCommands;
    }

    /**
     * Runs the script on its own connection, closed at the end: a dump's {@code set_config('search_path', '', false)}
     * and {@code SET} lines hold for the script's statements and end with it, never reaching a later connection.
     * Statements before a failing one stay committed, as with psql.
     *
     * @throws SqlScriptException naming the file, the statement and PostgreSQL's message
     */
    public SqlScriptRun runOn(SourceDatabase database) {
        List<SqlScriptRun.Skipped> skipped = new ArrayList<>();
        int run = 0;
        long copied = 0;
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            ScriptRoles roles = ScriptRoles.of(c);
            for (ScriptStatement statement : statements) {
                Optional<String> skip = roles.skipReason(statement.text());
                if (skip.isPresent()) {
                    skipped.add(new SqlScriptRun.Skipped(statement.line(), shortStart(statement), skip.get()));
                    continue;
                }
                try {
                    copied += execute(c, statement);
                    run++;
                } catch (SQLException e) {
                    if (!UNDEFINED_OBJECT.equals(e.getSQLState()) || !SET_STATEMENT.matcher(statement.text()).matches()) {
                        throw failure(statement, e);
                    }
                    skipped.add(new SqlScriptRun.Skipped(statement.line(), shortStart(statement),
                            "this server does not know the setting (" + serverMessage(e) + ")"));
                }
            }
        } catch (SQLException e) {
            throw new LabException("SQL script " + source + " could not run on " + database + ": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
        SqlScriptRun result = new SqlScriptRun(source, run, copied, skipped, metaCommands);
        if (skipped.isEmpty() && metaCommands.isEmpty()) {
            LOG.debug("{}", result.summary());
        } else {
            LOG.info("{}", result.summary());
        }
        return result;
    }

    private static long execute(Connection c, ScriptStatement statement) throws SQLException {
        if (statement.isCopyFromStdin()) {
            try {
                return c.unwrap(PGConnection.class).getCopyAPI().copyIn(statement.text(), new StringReader(statement.copyData()));
            } catch (IOException e) {
                throw new SQLException("Cannot stream the COPY data: " + e.getMessage(), "58030", e);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(statement.text());
            return 0;
        }
    }

    private SqlScriptException failure(ScriptStatement statement, SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        int line = statement.line();
        String at = "";
        if (server != null && server.getPosition() > 0) {
            line = statement.lineOf(server.getPosition());
            at = line == statement.line() ? "" : ", error at line " + line;
        } else if (statement.isCopyFromStdin() && server != null && server.getWhere() != null) {
            Matcher copyLine = COPY_LINE.matcher(server.getWhere());
            if (copyLine.find()) {
                line = statement.dataLine() + Integer.parseInt(copyLine.group(1)) - 1;
                at = ", data line " + line + " (" + server.getWhere() + ")";
            }
        }
        String message = serverMessage(e);
        String detail = server != null && server.getDetail() != null ? " Detail: " + server.getDetail() : "";
        String kind = statement.isCopyFromStdin() ? "COPY statement " : "statement ";
        return new SqlScriptException("SQL script " + source + ": PostgreSQL refused " + kind + statement.number()
                + " at line " + statement.line() + at + ": " + message + " (SQLSTATE " + e.getSQLState() + ")." + detail
                + " The statement: " + statement.excerpt()
                + (statement.number() > 1 ? " (the statements before it ran and stay committed)" : ""),
                source, statement, line, e.getSQLState(), message, e);
    }

    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return e.getMessage();
    }

    private static String shortStart(ScriptStatement statement) {
        String excerpt = statement.excerpt();
        return excerpt.length() > 80 ? excerpt.substring(0, 77) + "..." : excerpt;
    }
}
