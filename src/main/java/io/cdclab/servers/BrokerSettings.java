package io.cdclab.servers;

import io.cdclab.util.PropertiesResource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's Kafka broker settings, defined once for every backend: the embedded broker writes them as server
 * properties, the Kafka container as {@code KAFKA_*} variables. Only what depends on where the broker runs (node,
 * listeners, log folders, heap) stays with each backend. The fixed ones, each with why, are in
 * {@code broker-defaults.properties} beside this class (src/main/resources/io/cdclab/servers/).
 */
public final class BrokerSettings {

    private BrokerSettings() {
    }

    /** The settings of a one-node cluster whose auto-created topics get {@code defaultPartitions} partitions. */
    public static Map<String, String> of(int defaultPartitions) {
        Map<String, String> p = new LinkedHashMap<>();
        // Debezium creates change-event topics with this many partitions unless its config says otherwise.
        p.put("num.partitions", Integer.toString(defaultPartitions));
        p.putAll(PropertiesResource.read(BrokerSettings.class, "broker-defaults.properties"));
        return p;
    }
}
