package io.cdclab.connect;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client against a stand-in HTTP server that answers the way Connect does. */
class ConnectClientTest {
    private HttpServer server;
    private ConnectClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        client = new ConnectClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    @Test
    void anErrorAnswer_becomesAnExceptionWithConnectsOwnMessage() {
        answer("/connectors/missing/status", 404, "{\"error_code\":404,\"message\":\"No status found for connector missing\"}");

        assertThatThrownBy(() -> client.status("missing"))
                .isInstanceOf(ConnectRestException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("No status found for connector missing")
                .satisfies(e -> assertThat(((ConnectRestException) e).connectMessage())
                        .isEqualTo("No status found for connector missing"));
    }

    @Test
    void create_validatesFirst_andReportsEachFieldError() {
        answer("/connector-plugins/PostgresConnector/config/validate", 200, """
                {"name":"io.debezium.connector.postgresql.PostgresConnector","error_count":1,"groups":[],
                 "configs":[{"definition":{"name":"topic.prefix"},
                             "value":{"name":"topic.prefix","value":null,"errors":["The 'topic.prefix' value is invalid: A value is required"]}}]}
                """);
        ConnectorConfig config = new ConnectorConfig("orders-source",
                Map.of("connector.class", "io.debezium.connector.postgresql.PostgresConnector"));

        assertThatThrownBy(() -> client.create(config))
                .isInstanceOf(InvalidConnectorConfigException.class)
                .hasMessageContaining("orders-source")
                .hasMessageContaining("topic.prefix: The 'topic.prefix' value is invalid: A value is required");
    }

    @Test
    void status_parsesConnectorAndTaskStates_andSummarisesAFailure() {
        answer("/connectors/sink/status", 200, """
                {"name":"sink","connector":{"state":"RUNNING","worker_id":"w1"},
                 "tasks":[{"id":0,"state":"FAILED","worker_id":"w1","trace":"org.apache.kafka.connect.errors.ConnectException: boom\\n\\tat x"}]}
                """);

        ConnectorState state = client.status("sink");

        assertThat(state.isRunning()).isFalse();
        assertThat(state.hasFailure()).isTrue();
        assertThat(state.failureSummary()).startsWith("task 0: org.apache.kafka.connect.errors.ConnectException: boom");
    }

    @Test
    void noServer_givesAnErrorNamingTheAddress() {
        server.stop(0);

        assertThatThrownBy(() -> client.connectors())
                .hasMessageContaining("did not answer GET /connectors")
                .hasMessageContaining(client.baseUri().toString());
    }
}
