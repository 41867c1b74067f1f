package io.cdclab.endpoints;

import io.cdclab.errors.SourceSqlException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL database the pipeline captures, as the application sees it: where it is, who logs in, and a
 * way to run the application's SQL. The same on every backend.
 */
public record SourceDatabase(String host, int port, String database, String user, Secret password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password.reveal());
        return DriverManager.getConnection(jdbcUrl(), props);
    }

    /** Runs each statement in its own transaction (autocommit), as separate application writes would. */
    public void execute(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new SourceSqlException(e, statements);
        }
    }

    /** Runs the statements in one transaction: one commit, one LSN for all their events. */
    public void executeInTransaction(String... statements) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.execute(sql);
            }
            c.commit();
        } catch (SQLException e) {
            throw new SourceSqlException(e, statements);
        }
    }

    /** The rows of a query, each as column name to JDBC value, in the query's order. */
    public List<Map<String, Object>> query(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new SourceSqlException(e, sql);
        }
    }

    @Override
    public String toString() {
        return "SourceDatabase[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
