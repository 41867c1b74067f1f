package io.cdclab.verify;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/** What Kafka's default partitioner does with a key: murmur2 of the serialized key bytes, modulo partitions. */
public final class Partitioning {
    private Partitioning() {
    }

    /** The partition the default partitioner gives a record with these key bytes. */
    public static int defaultPartitionFor(byte[] serializedKey, int partitions) {
        return BuiltInPartitioner.partitionForKey(serializedKey, partitions);
    }
}
