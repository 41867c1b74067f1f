package io.cdclab.servers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's Kafka broker settings, defined once for every backend: the embedded broker writes them as server
 * properties, the Kafka container as {@code KAFKA_*} variables. Only what depends on where the broker runs (node,
 * listeners, log folders, heap) stays with each backend.
 */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    /** The settings of a one-node cluster whose auto-created topics get {@code defaultPartitions} partitions. */
    public static Map<String, String> of(int defaultPartitions) {
        Map<String, String> p = new LinkedHashMap<>();
        // Debezium creates change-event topics with this many partitions unless its config says otherwise.
        p.put("num.partitions", Integer.toString(defaultPartitions));
        // One node: every internal topic has one replica. The Iceberg sink commits with transactions.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A restarted node re-registers within seconds instead of ~10 s of DUPLICATE_BROKER_REGISTRATION.
        p.put("broker.session.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("auto.create.topics.enable", "true");
        return p;
    }
}
