package io.cdclab.pipeline;

import io.cdclab.errors.LabException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One naming rule for the Iceberg tables of every catalog: {@code <namespace>.<table>}, where both are what AWS Glue
 * accepts as a database and a table name (1-252 and 1-255 lower-case letters, digits and underscores; Glue has one
 * database level). JDBC catalogs would take more, but a scenario must read the same everywhere, and the seed's
 * production catalog is Glue. The source schema is not part of the name, so two captured tables of one pipeline
 * must not share a table name.
 */
public final class IcebergNames {
    private static final String DATABASE = "[a-z0-9_]{1,252}";
    private static final String TABLE = "[a-z0-9_]{1,255}";

    private IcebergNames() {
    }

    /** Fails naming the rule when {@code namespace} or a table of {@code qualifiedTables} breaks it. */
    public static void require(String pipelineId, String namespace, List<String> qualifiedTables) {
        List<String> problems = new ArrayList<>();
        if (namespace == null || !namespace.matches(DATABASE)) {
            problems.add("namespace '" + namespace + "' (from pipeline id '" + pipelineId + "' or the iceberg.namespace "
                    + "value) is not a valid Glue database name");
        }
        Map<String, String> byName = new LinkedHashMap<>();
        for (String qualified : qualifiedTables) {
            String table = qualified.substring(qualified.indexOf('.') + 1);
            if (!table.matches(TABLE)) {
                problems.add("table '" + qualified + "' gives Iceberg table '" + table + "', not a valid Glue table name");
            }
            String other = byName.putIfAbsent(table, qualified);
            if (other != null) {
                problems.add("tables '" + other + "' and '" + qualified + "' would both land in " + namespace + "."
                        + table);
            }
        }
        if (!problems.isEmpty()) {
            throw new LabException("Pipeline " + pipelineId + ": " + String.join("; ", problems) + ". Iceberg tables are "
                    + "named <namespace>.<table> on every catalog, each 1-252 (namespace) or 1-255 (table) lower-case "
                    + "letters, digits and underscores, as AWS Glue requires; capture same-named tables of different "
                    + "schemas in separate pipelines, and rename tables with upper-case or other characters.");
        }
    }
}
