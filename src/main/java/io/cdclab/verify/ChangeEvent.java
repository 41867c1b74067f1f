package io.cdclab.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One record of a Debezium change-event topic as a consumer sees it: where it landed (partition, offset), its
 * serialized key (what the partitioner hashed) and the decoded envelope. A tombstone has no value.
 */
public record ChangeEvent(String topic, int partition, long offset, byte[] keyBytes, JsonNode key, JsonNode value) {

    public boolean isTombstone() {
        return value == null || value.isNull();
    }

    /** Debezium's operation: r (snapshot read), c, u, d; "tombstone" for the delete marker. */
    public String op() {
        return isTombstone() ? "tombstone" : payload(value).path("op").asText();
    }

    public boolean hasNullKey() {
        return keyBytes == null;
    }

    /** The key's fields (the payload of the JSON key envelope), or a missing node for a null key. */
    public JsonNode keyFields() {
        return key == null ? MissingNode.getInstance() : payload(key);
    }

    public JsonNode before() {
        return isTombstone() ? NullNode.getInstance() : payload(value).path("before");
    }

    public JsonNode after() {
        return isTombstone() ? NullNode.getInstance() : payload(value).path("after");
    }

    /** The row image that identifies the row: after for c/r/u, before for d. */
    public JsonNode row() {
        return "d".equals(op()) ? before() : after();
    }

    public JsonNode source() {
        return isTombstone() ? MissingNode.getInstance() : payload(value).path("source");
    }

    /** The PostgreSQL log position of the change's commit, Debezium's {@code source.lsn}. */
    public long lsn() {
        return source().path("lsn").asLong();
    }

    /** JsonConverter with schemas wraps data as {schema, payload}; without schemas the node is the data. */
    private static JsonNode payload(JsonNode node) {
        return node.has("payload") && node.has("schema") ? node.get("payload") : node;
    }

    @Override
    public String toString() {
        return topic + "[" + partition + "]@" + offset + " op=" + op() + " key=" + keyFields();
    }
}
