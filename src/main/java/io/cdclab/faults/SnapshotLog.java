package io.cdclab.faults;

import io.cdclab.topology.RunningTopology;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Debezium's Connect log says about one pipeline's snapshot of one table since this object was made: how
 * often the table's export began (two means the snapshot started over), whether it finished, and Debezium's own
 * row counts. The log, not a metric, because it survives the worker's kill -9 and is what an operator greps.
 * Empty where the backend keeps no local logs ({@link LogTail}).
 */
public final class SnapshotLog {
    private static final Pattern EXPORTED = Pattern.compile("Exported (\\d+) records for table");

    private final LogTail tail;
    private final String table;
    private final String connectorThread;

    private SnapshotLog(LogTail tail, String table, String topicPrefix) {
        this.tail = tail;
        this.table = "'" + table + "'";
        // Debezium's coordinator thread: debezium-postgresconnector-<topic prefix>-change-event-source-coordinator
        this.connectorThread = "-" + topicPrefix + "-";
        tail.mark();
    }

    /** Starts reading the Connect worker's log now, for {@code table} (schema.table) of the pipeline {@code topicPrefix}. */
    public static SnapshotLog since(RunningTopology lab, String table, String topicPrefix) {
        return new SnapshotLog(LogTail.of(lab, "connect"), table, topicPrefix);
    }

    /** Whether the backend keeps a Connect log this can read. */
    public boolean available() {
        return !tail.newLinesPerFile().isEmpty();
    }

    /** Times the blocking snapshot began exporting the table ("Exporting data from table ..."). */
    public long exportsStarted() {
        return count("Exporting data from table " + table);
    }

    /** Times it finished exporting the table ("Finished exporting N records for table ..."). */
    public long exportsFinished() {
        return count("Finished exporting");
    }

    /** "Snapshot completed" lines of this pipeline's connector: its snapshot's end, offsets marked complete. */
    public long snapshotsCompleted() {
        return tail.newLines().stream().filter(l -> l.contains(connectorThread) && l.contains("Snapshot completed"))
                .count();
    }

    /** The newest of Debezium's progress counts for the table ("Exported N records ... after ..."), or -1. */
    public long lastExportedCount() {
        long last = -1;
        for (String line : tableLines()) {
            Matcher m = EXPORTED.matcher(line);
            if (m.find() && !line.contains("Finished exporting")) {
                last = Long.parseLong(m.group(1));
            }
        }
        return last;
    }

    /** Every new line that names the table or the pipeline's connector and the word snapshot, for the report. */
    public List<String> snapshotLines() {
        return tail.newLines().stream().filter(l -> (l.contains(table) || l.contains(connectorThread))
                && l.toLowerCase(Locale.ROOT).contains("snapshot")).toList();
    }

    /** New lines that contain {@code text} (e.g. an incremental snapshot's resume message). */
    public long count(String text) {
        return tableLines().stream().filter(l -> l.contains(text)).count();
    }

    private List<String> tableLines() {
        return tail.newLines().stream().filter(l -> l.contains(table) || l.contains(connectorThread)).toList();
    }
}
