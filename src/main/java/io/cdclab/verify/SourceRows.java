package io.cdclab.verify;

import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL rows for reconciliation, with date and time columns read as {@code java.time} values. JDBC's default
 * {@code getObject} returns {@code java.sql.Time} (milliseconds only, so a lost microsecond would go unnoticed) and
 * {@code java.sql.Timestamp} for both timestamp kinds (a wall-clock time then depends on the JVM's zone), and a
 * {@code timetz} as a {@code java.sql.Time} without its offset.
 */
public final class SourceRows {
    private SourceRows() {
    }

    public static List<Map<String, Object>> read(SourceDatabase database, String sql) {
        try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), value(rs, i, meta.getColumnType(i), meta.getColumnTypeName(i)));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new LabException("PostgreSQL refused " + sql + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

    private static Object value(ResultSet rs, int i, int sqlType, String typeName) throws SQLException {
        if (rs.getObject(i) == null) {
            return null;
        }
        return switch (typeName) {
            case "date" -> rs.getObject(i, LocalDate.class);
            case "time" -> rs.getObject(i, LocalTime.class);
            case "timestamp" -> rs.getObject(i, LocalDateTime.class);
            case "timestamptz" -> rs.getObject(i, OffsetDateTime.class).toInstant();
            case "timetz" -> rs.getObject(i, OffsetTime.class);
            default -> sqlType == Types.BINARY ? rs.getBytes(i) : rs.getObject(i);
        };
    }
}
