package io.cdclab.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.cdclab.partitioner.TenantPartitioner;

import java.util.List;

/**
 * What a partitioning strategy promises: the partition an event must be in. {@link #violations} lists the
 * events that break the promise, so a test can assert there are none and show that a wrong rule is caught.
 */
@FunctionalInterface
public interface PartitionRule {

    /** The partition this event must be in, given the topic's partition count. */
    int expectedPartition(ChangeEvent event, int partitions);

    default List<ChangeEvent> violations(List<ChangeEvent> events, int partitions) {
        return events.stream().filter(e -> e.partition() != expectedPartition(e, partitions)).toList();
    }

    /** Kafka's built-in partitioner for a non-null key: murmur2 of the serialized key. */
    static PartitionRule murmur2OfKey() {
        return (event, partitions) -> {
            if (event.hasNullKey()) {
                throw new IllegalArgumentException(event + " has a null key: the key-hash rule does not apply");
            }
            return Partitioning.defaultPartitionFor(event.keyBytes(), partitions);
        };
    }

    /** The lab's {@link TenantPartitioner}: the key's integer field modulo partitions. */
    static PartitionRule tenantOfKey(String field) {
        return (event, partitions) -> {
            JsonNode tenant = event.keyFields().path(field);
            if (!tenant.canConvertToLong()) {
                throw new IllegalArgumentException(event + " has no integer key field " + field);
            }
            return TenantPartitioner.partitionFor(tenant.asLong(), partitions);
        };
    }

    /**
     * Debezium's {@code PartitionRouting} transform with the default {@code java} hash on one field of the row
     * image: {@code (hashCode & Integer.MAX_VALUE) mod partitions} (and 0 when that is Integer.MAX_VALUE), where
     * the hash is {@code String.hashCode} of a text value or {@code Integer.hashCode} of an int4 value. Tombstones
     * have no payload: the transform leaves them alone and the key hash decides.
     */
    static PartitionRule debeziumPartitionRouting(String rowField) {
        return (event, partitions) -> {
            if (event.isTombstone()) {
                return murmur2OfKey().expectedPartition(event, partitions);
            }
            JsonNode value = event.row().path(rowField);
            int hash = value.isTextual() ? value.asText().hashCode()
                    : value.isInt() ? Integer.hashCode(value.asInt())
                    : value.isLong() ? Long.hashCode(value.asLong())
                    : failNoField(event, rowField);
            int positive = hash & Integer.MAX_VALUE;
            return (positive == Integer.MAX_VALUE ? 0 : positive) % partitions;
        };
    }

    private static int failNoField(ChangeEvent event, String field) {
        throw new IllegalArgumentException(event + " has no text or integer field " + field + " in its row image");
    }
}
