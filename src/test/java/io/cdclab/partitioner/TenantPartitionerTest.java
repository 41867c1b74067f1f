package io.cdclab.partitioner;

import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantPartitionerTest {
    private static final Node NODE = new Node(1, "localhost", 9092);
    private static final Cluster SIX_PARTITIONS = new Cluster("c", List.of(NODE),
            IntStream.range(0, 6).mapToObj(p -> new PartitionInfo("orders", p, NODE, null, null)).toList(), Set.of(), Set.of());

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void routesByTheTenantInTheKeyPayload_withOrWithoutSchemaEnvelope() {
        TenantPartitioner partitioner = new TenantPartitioner();
        partitioner.configure(Map.of());
        byte[] withSchema = json("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
                + "\"field\":\"tenant_id\"},{\"type\":\"int32\",\"field\":\"order_id\"}]},\"payload\":{\"tenant_id\":14,\"order_id\":3}}");
        byte[] withoutSchema = json("{\"tenant_id\":14,\"order_id\":99}");

        assertThat(partitioner.partition("orders", null, withSchema, null, null, SIX_PARTITIONS)).isEqualTo(2);
        assertThat(partitioner.partition("orders", null, withoutSchema, null, null, SIX_PARTITIONS)).isEqualTo(2);
        assertThat(TenantPartitioner.partitionFor(-1, 6)).isEqualTo(5);
    }

    @Test
    void aConfiguredFieldName_isUsed() {
        TenantPartitioner partitioner = new TenantPartitioner();
        partitioner.configure(Map.of(TenantPartitioner.FIELD_CONFIG, "customer"));
        assertThat(partitioner.partition("orders", null, json("{\"tenant_id\":1,\"customer\":9}"), null, null, SIX_PARTITIONS))
                .isEqualTo(3);
    }

    @Test
    void aNullKeyOrAKeyWithoutTheField_isRefusedWithAnErrorNamingTopicAndField() {
        TenantPartitioner partitioner = new TenantPartitioner();
        partitioner.configure(Map.of());
        assertThatThrownBy(() -> partitioner.partition("orders", null, null, null, null, SIX_PARTITIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null key").hasMessageContaining("orders");
        assertThatThrownBy(() -> partitioner.partition("orders", null, json("{\"id\":4}"), null, null, SIX_PARTITIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tenant_id'").hasMessageContaining("orders");
    }
}
