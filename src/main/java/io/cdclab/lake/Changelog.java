package io.cdclab.lake;

import io.cdclab.connect.ConnectorFixture;
import io.cdclab.pipeline.Pipeline;

import java.util.List;

/**
 * The changelog layout of the {@code iceberg-sink-changelog} fixture: Debezium's own {@code ExtractNewRecordState}
 * flattens each change event to its row image and adds the event's metadata as columns, then Kafka's
 * {@code InsertField} adds where the event sat in Kafka. One Iceberg row per change event:
 *
 * <ul>
 *   <li>{@code __op}: Debezium's operation, {@code r} (snapshot read), {@code c}, {@code u}, {@code d}. Unlike
 *       Iceberg's DebeziumTransform (which maps r and c both to I), a snapshot read stays distinguishable.</li>
 *   <li>{@code __lsn}: the PostgreSQL log position of the change ({@code source.lsn}); the source's order.</li>
 *   <li>{@code __source_ts_ms}: the commit time in PostgreSQL; {@code __table}: the source table.</li>
 *   <li>{@code __deleted}: "true" for a delete (the row image is then the before image: under the default
 *       replica identity only its key columns are real values).</li>
 *   <li>{@code __topic}, {@code __partition}, {@code __offset}: the Kafka record.</li>
 *   <li>{@code __iceberg_table}: the Iceberg table the row is routed to, {@code <namespace>.<table>}
 *       ({@code cdc_c2.orders}): Kafka's RegexRouter drops the topic's schema level, because Glue has one database
 *       level only and a topic-named table ({@code cdc_c2.public.orders}) cannot exist there. The same name on
 *       every catalog, and the same as the default fixture's.</li>
 * </ul>
 *
 * Columns of the source table must not start with {@code __} (they would be taken for metadata).
 */
public final class Changelog {
    public static final String FIXTURE = "iceberg-sink-changelog";
    public static final String METADATA_PREFIX = "__";
    public static final String OP = "__op";
    public static final String LSN = "__lsn";
    public static final String COMMIT_TS = "__source_ts_ms";
    public static final String DELETED = "__deleted";
    public static final String PARTITION = "__partition";
    public static final String OFFSET = "__offset";
    public static final List<String> ORDER = List.of(LSN, OFFSET);

    private Changelog() {
    }

    /** The lab's changelog sink fixture, for {@code Pipeline.Builder.sinkFixture}. */
    public static ConnectorFixture sinkFixture() {
        return ConnectorFixture.builtIn(FIXTURE);
    }

    /**
     * The changelog table of {@code schema.table} as Spark SQL names it: where the pipeline's sink config routes it
     * ({@link Pipeline#icebergTable}; {@code <catalog>.cdc_<id>.<table>} with this fixture).
     */
    public static String table(Lake lake, Pipeline pipeline, String qualifiedTable) {
        return pipeline.icebergTable(qualifiedTable);
    }

    public static boolean isMetadata(String column) {
        return column.startsWith(METADATA_PREFIX);
    }
}
