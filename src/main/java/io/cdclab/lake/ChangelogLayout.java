package io.cdclab.lake;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where a changelog table keeps each event's metadata: the operation field and its value for a delete, the source
 * position (the order of changes; an LSN for PostgreSQL), the Kafka offset (the tie-breaker for events of one
 * position), and the prefix of the top-level columns that hold metadata rather than the source table's own.
 *
 * <p>A field is a column ({@code __op}) or a path into a struct column ({@code _cdc.op}, as Iceberg's
 * DebeziumTransform writes it): a dot always separates levels. Either the position or the offset may be absent
 * (null), not both: DebeziumTransform carries no LSN, and a sink without Kafka's {@code InsertField} no offset.
 * Ordering by the Kafka offset alone is the change order within a key, because Debezium keys each event by the
 * row's primary key, so one key's events share a partition (as long as the topic's partition count stays).
 *
 * <p>Ready layouts: {@link #labFixture()} (the lab's {@code iceberg-sink-changelog} fixture),
 * {@link #debeziumTransform()} (the lab's default {@code iceberg-sink} fixture, and the Iceberg docs'), and
 * {@link #extractNewRecordState()} with its variants. A team whose sink config names things otherwise describes its
 * own.
 */
public record ChangelogLayout(String op, String deleteOp, String position, String offset, String metadataPrefix) {

    /** The lab's {@code iceberg-sink-changelog} fixture: {@code __op} (r/c/u/d), {@code __lsn}, {@code __offset}. */
    public static final ChangelogLayout LAB_FIXTURE = new ChangelogLayout(Changelog.OP, "d", Changelog.LSN,
            Changelog.OFFSET, Changelog.METADATA_PREFIX);

    public ChangelogLayout {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(deleteOp, "deleteOp");
        Objects.requireNonNull(metadataPrefix, "metadataPrefix");
        if (position == null && offset == null) {
            throw new IllegalArgumentException("A changelog layout needs a source position or a Kafka offset (or both) "
                    + "to order the events of a key.");
        }
        for (String field : Stream.of(op, position, offset).filter(Objects::nonNull).toList()) {
            if (!isMetadataField(field, metadataPrefix)) {
                throw new IllegalArgumentException("Metadata column '" + field + "' must start with the metadata "
                        + "prefix '" + metadataPrefix + "', or it would be taken for a column of the source table.");
            }
        }
    }

    /** The lab's {@code iceberg-sink-changelog} fixture ({@link Changelog}). */
    public static ChangelogLayout labFixture() {
        return LAB_FIXTURE;
    }

    /**
     * Debezium's {@code ExtractNewRecordState} with {@code add.fields=op,lsn} and the default prefix: {@code __op}
     * (r/c/u/d) and {@code __lsn}. A delete must reach the sink as a row, so the transform needs
     * {@code delete.tombstone.handling.mode=rewrite} (which also adds {@code __deleted}).
     */
    public static ChangelogLayout extractNewRecordState() {
        return extractNewRecordState("__", "lsn");
    }

    /**
     * {@code ExtractNewRecordState} with {@code add.fields.prefix=prefix} and {@code add.fields} naming {@code op}
     * and the LSN as {@code lsnField}: {@code "lsn"} for {@code add.fields=op,lsn}, {@code "source_lsn"} for
     * {@code add.fields=op,source.lsn}. Add {@link #withKafkaOffset} where an {@code InsertField} writes the offset.
     */
    public static ChangelogLayout extractNewRecordState(String prefix, String lsnField) {
        return new ChangelogLayout(prefix + "op", "d", prefix + lsnField, null, prefix);
    }

    /**
     * Iceberg's {@code DebeziumTransform} (the Iceberg docs' CDC set-up): a struct {@code _cdc} with {@code op}
     * (I, U, D: a snapshot read is I too), {@code offset} (the Kafka offset), {@code source}, {@code target},
     * {@code key} and {@code ts}. It carries no LSN, so the Kafka offset orders a key's events.
     */
    public static ChangelogLayout debeziumTransform() {
        return new ChangelogLayout("_cdc.op", "D", null, "_cdc.offset", "_cdc");
    }

    /** This layout, with the Kafka offset in {@code field} (an {@code InsertField$Value} with {@code offset.field}). */
    public ChangelogLayout withKafkaOffset(String field) {
        return new ChangelogLayout(op, deleteOp, position, field, metadataPrefix);
    }

    /**
     * This layout, with deletes told apart by {@code field} holding {@code value}: {@code withDeleteMarker("__deleted",
     * "true")} for {@code ExtractNewRecordState}'s rewrite mode without {@code op} in {@code add.fields}.
     */
    public ChangelogLayout withDeleteMarker(String field, String value) {
        return new ChangelogLayout(field, value, position, offset, metadataPrefix);
    }

    /** Newest first within a key: by source position, then Kafka offset (those the layout has). */
    public List<String> order() {
        return Stream.of(position, offset).filter(Objects::nonNull).distinct().toList();
    }

    /** The field a mirror keeps of the event that wrote each row, so that an older event never overwrites it. */
    public String version() {
        return position != null ? position : offset;
    }

    /** The mirror's column for {@link #version()}: a top-level name ({@code _cdc.offset} becomes {@code _cdc_offset}). */
    public String versionColumn() {
        return version().replace('.', '_');
    }

    /** Whether a top-level column of the changelog is metadata (a struct such as {@code _cdc} included). */
    public boolean isMetadata(String column) {
        return column.startsWith(metadataPrefix);
    }

    /** A field's path, one name per level: {@code _cdc.op} is {@code [_cdc, op]}. */
    static List<String> path(String field) {
        return List.of(field.split("\\."));
    }

    private static boolean isMetadataField(String field, String prefix) {
        return path(field).get(0).startsWith(prefix);
    }
}
