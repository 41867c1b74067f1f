package io.cdclab.lake;

import java.util.List;

/**
 * Where a changelog table keeps each event's metadata: the operation column and its value for a delete, the
 * source position (the order of changes; an LSN for PostgreSQL), the Kafka offset (the tie-breaker for events of one
 * position), and the prefix that marks metadata columns apart from the source table's own. The lab's changelog
 * fixture is {@link #LAB_FIXTURE}; a team whose sink config names them differently (another
 * {@code add.fields.prefix}, other InsertField names) describes its own and materialises the same way.
 */
public record ChangelogLayout(String op, String deleteOp, String position, String offset, String metadataPrefix) {

    /** The lab's {@code iceberg-sink-changelog} fixture: {@code __op} (r/c/u/d), {@code __lsn}, {@code __offset}. */
    public static final ChangelogLayout LAB_FIXTURE = new ChangelogLayout(Changelog.OP, "d", Changelog.LSN,
            Changelog.OFFSET, Changelog.METADATA_PREFIX);

    public ChangelogLayout {
        for (String column : List.of(op, position, offset)) {
            if (!column.startsWith(metadataPrefix)) {
                throw new IllegalArgumentException("Metadata column '" + column + "' must start with the metadata "
                        + "prefix '" + metadataPrefix + "', or it would be taken for a column of the source table.");
            }
        }
    }

    /** Newest first within a key: by source position, then Kafka offset. */
    public List<String> order() {
        return List.of(position, offset);
    }

    public boolean isMetadata(String column) {
        return column.startsWith(metadataPrefix);
    }
}
