package io.cdclab.connect;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IcebergCoordinatorOffsetsTest {

    @Test
    void coordinatorGroup_isTheSinksConnectGroupWithCoordSuffix_asTheSinkDerivesIt() {
        ConnectorConfig sink = new ConnectorConfig("orders-sink",
                Map.of("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector"));
        assertThat(IcebergCoordinatorOffsets.coordinatorGroup(sink)).isEqualTo("connect-orders-sink-coord");
        assertThat(IcebergCoordinatorOffsets.coordinatorGroup(sink.with("iceberg.connect.group-id", "cg-orders")))
                .isEqualTo("cg-orders-coord");
    }

    @Test
    void onlyTheIcebergSinkIsPrepared() {
        assertThat(IcebergCoordinatorOffsets.isIcebergSink(new ConnectorConfig("s",
                Map.of("connector.class", "org.apache.iceberg.connect.IcebergSinkConnector")))).isTrue();
        assertThat(IcebergCoordinatorOffsets.isIcebergSink(new ConnectorConfig("d",
                Map.of("connector.class", "io.debezium.connector.postgresql.PostgresConnector")))).isFalse();
    }
}
