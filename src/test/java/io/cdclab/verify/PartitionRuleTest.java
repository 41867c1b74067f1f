package io.cdclab.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The checks P1 relies on catch what they should: a record off its rule, an uneven spread, a row out of order. */
class PartitionRuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChangeEvent event(int partition, long offset, String key, String value) throws Exception {
        JsonNode keyNode = key == null ? null : JSON.readTree(key);
        JsonNode valueNode = value == null ? null : JSON.readTree(value);
        return new ChangeEvent("t", partition, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8), keyNode, valueNode);
    }

    private static String change(String op, int tenant, String region, long lsn) {
        return "{\"op\":\"" + op + "\",\"after\":{\"tenant_id\":" + tenant + ",\"region\":\"" + region + "\"},"
                + "\"source\":{\"lsn\":" + lsn + "}}";
    }

    @Test
    void murmur2Rule_acceptsTheBuiltInPartition_andCatchesAnyOther() throws Exception {
        String key = "{\"tenant_id\":7}";
        int right = Partitioning.defaultPartitionFor(key.getBytes(StandardCharsets.UTF_8), 6);
        ChangeEvent good = event(right, 0, key, change("c", 7, "eu", 1));
        ChangeEvent wrong = event((right + 1) % 6, 0, key, change("c", 7, "eu", 1));
        assertThat(PartitionRule.murmur2OfKey().violations(List.of(good, wrong), 6)).containsExactly(wrong);
    }

    @Test
    void tenantAndRoutingRules_computeTheirPartition() throws Exception {
        ChangeEvent tenant14 = event(2, 0, "{\"tenant_id\":14}", change("c", 14, "us-east", 1));
        assertThat(PartitionRule.tenantOfKey("tenant_id").violations(List.of(tenant14), 6)).isEmpty();
        int regionPartition = ("us-east".hashCode() & Integer.MAX_VALUE) % 6;
        ChangeEvent routed = event(regionPartition, 0, "{\"tenant_id\":14}", change("c", 14, "us-east", 1));
        ChangeEvent misrouted = event((regionPartition + 3) % 6, 1, "{\"tenant_id\":14}", change("u", 14, "us-east", 2));
        assertThat(PartitionRule.debeziumPartitionRouting("region").violations(List.of(routed, misrouted), 6)).containsExactly(misrouted);
    }

    @Test
    void spread_figures() {
        PartitionSpread even = new PartitionSpread(new long[]{10, 10, 10, 10});
        PartitionSpread skewed = new PartitionSpread(new long[]{30, 10, 0, 0});
        assertThat(even.chiSquare()).isZero();
        assertThat(even.coefficientOfVariation()).isZero();
        assertThat(even.maxOverMin()).isEqualTo(1.0);
        assertThat(skewed.chiSquare()).isCloseTo(60.0, within(1e-9)); // expected 10 each: (400 + 0 + 100 + 100) / 10
        assertThat(skewed.partitionsUsed()).isEqualTo(2);
        assertThat(skewed.maxOverMin()).isInfinite();
    }

    @Test
    void keyOrder_findsARowSpreadOverPartitionsAndReadOutOfCommitOrder() throws Exception {
        // Row 1: insert (lsn 10) in partition 0 at offset 5, update (lsn 20) in partition 1 at offset 2.
        ChangeEvent insert = event(0, 5, null, change("c", 1, "eu", 10));
        ChangeEvent update = event(1, 2, null, change("u", 1, "eu", 20));
        KeyOrder<Integer> order = KeyOrder.of(List.of(insert, update), e -> e.row().get("tenant_id").asInt());
        assertThat(order.keysInSeveralPartitions()).containsExactly(1);
        assertThat(order.keysOutOfLsnOrderByOffsetAlone()).containsExactly(1);
        assertThat(order.keysOutOfLsnOrderWithinPartitions()).isEmpty();
        assertThat(PartitionRuns.meanRunLength(List.of(insert, update))).isEqualTo(1.0);
    }
}
