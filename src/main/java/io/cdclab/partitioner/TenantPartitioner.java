package io.cdclab.partitioner;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes every change event of one tenant to one partition: {@code tenant mod partitions}, where the tenant is an
 * integer field of the record's JSON key (Debezium's key for a table keyed by {@code (tenant_id, ...)}).
 *
 * <p>Set on a source connector with {@code producer.override.partitioner.class=io.cdclab.partitioner.TenantPartitioner};
 * the field name is {@code producer.override.tenant.partitioner.field} (default {@code tenant_id}). A record whose
 * key lacks the field is refused with an error naming the topic and the field: guessing a partition would break
 * the rule silently.
 *
 * <p>It reads the serialized key (what the producer receives from Connect's key converter), so it works with JSON
 * keys with or without schemas: in the schema part the field name appears as {@code "field":"tenant_id"}, never
 * as {@code "tenant_id":<number>}.
 */
public class TenantPartitioner implements Partitioner {
    public static final String FIELD_CONFIG = "tenant.partitioner.field";
    public static final String DEFAULT_FIELD = "tenant_id";

    private Pattern fieldValue = patternFor(DEFAULT_FIELD);
    private String field = DEFAULT_FIELD;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(FIELD_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            field = configured.toString().trim();
            fieldValue = patternFor(field);
        }
    }

    private static Pattern patternFor(String field) {
        return Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)");
    }

    /** The rule, for anyone who wants to check it: tenant modulo the number of partitions, never negative. */
    public static int partitionFor(long tenant, int partitions) {
        return (int) Math.floorMod(tenant, (long) partitions);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (keyBytes == null) {
            throw new IllegalArgumentException("TenantPartitioner needs a key with field '" + field + "', but a record"
                    + " for topic " + topic + " has a null key (a table without primary key or message.key.columns?)");
        }
        Matcher matcher = fieldValue.matcher(new String(keyBytes, StandardCharsets.UTF_8));
        if (!matcher.find()) {
            throw new IllegalArgumentException("TenantPartitioner: the key of a record for topic " + topic
                    + " has no integer field '" + field + "' (set " + FIELD_CONFIG + " to the key's tenant column)");
        }
        return partitionFor(Long.parseLong(matcher.group(1)), cluster.partitionCountForTopic(topic));
    }

    @Override
    public void close() {
    }
}
