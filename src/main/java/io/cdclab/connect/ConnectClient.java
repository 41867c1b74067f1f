package io.cdclab.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cdclab.errors.LabException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small client for the Kafka Connect REST API: what the seed's curl scripts did, plus status, life cycle and
 * validation. Any 4xx/5xx becomes a {@link ConnectRestException} carrying Connect's own message.
 */
public final class ConnectClient {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final HttpClient http;

    public ConnectClient(URI baseUri) {
        this.baseUri = baseUri;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI baseUri() {
        return baseUri;
    }

    /** {@code GET /}: the worker's version and Kafka cluster id. */
    public JsonNode serverInfo() {
        return send("GET", "/", null);
    }

    /** Class names of the connector plugins the worker loaded from its plugin.path. */
    public List<String> connectorPlugins() {
        List<String> classes = new ArrayList<>();
        send("GET", "/connector-plugins?connectorsOnly=false", null).forEach(p -> classes.add(p.path("class").asText()));
        return classes;
    }

    public List<String> connectors() {
        List<String> names = new ArrayList<>();
        send("GET", "/connectors", null).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** {@code PUT /connectors/{name}/config}: creates the connector, or updates it if it exists. */
    public void createOrUpdate(ConnectorConfig connector) {
        send("PUT", "/connectors/" + encode(connector.name()) + "/config", JSON.valueToTree(connector.config()));
        LOG.info("connect: connector {} created/updated ({})", connector.name(), connector.connectorClass());
    }

    /**
     * Validates the config first ({@link #validate}), then creates the connector with {@code POST /connectors}
     * (409 if the name is taken). Validating first matters: Connect 4.3 answers an invalid POST with an HTTP 500
     * NullPointerException instead of its validation messages; this throws those messages instead.
     */
    public void create(ConnectorConfig connector) {
        requireValid(connector);
        createUnvalidated(connector);
    }

    /** Throws Connect's validation messages as an {@link InvalidConnectorConfigException} if it rejects the config. */
    public void requireValid(ConnectorConfig connector) {
        ValidationResult validation = validate(connector);
        if (!validation.isValid()) {
            throw new InvalidConnectorConfigException(connector.name(), validation);
        }
    }

    /** {@code POST /connectors} as is, for callers that want Connect's raw answer. */
    public void createUnvalidated(ConnectorConfig connector) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", connector.name());
        body.set("config", JSON.valueToTree(connector.config()));
        send("POST", "/connectors", body);
        LOG.info("connect: connector {} created ({})", connector.name(), connector.connectorClass());
    }

    public ConnectorState status(String name) {
        JsonNode node = send("GET", "/connectors/" + encode(name) + "/status", null);
        List<ConnectorState.TaskState> tasks = new ArrayList<>();
        for (JsonNode task : node.path("tasks")) {
            tasks.add(new ConnectorState.TaskState(task.path("id").asInt(), task.path("state").asText(),
                    task.path("worker_id").asText(), task.hasNonNull("trace") ? task.get("trace").asText() : null));
        }
        JsonNode connector = node.path("connector");
        return new ConnectorState(name, connector.path("state").asText(), connector.path("worker_id").asText(), tasks);
    }

    public void pause(String name) {
        send("PUT", "/connectors/" + encode(name) + "/pause", null);
    }

    public void resume(String name) {
        send("PUT", "/connectors/" + encode(name) + "/resume", null);
    }

    /**
     * Waits until the worker knows connector {@code name}. A worker that has just (re)started answers REST before
     * its herder has read the config topic, and until then answers 404 "Unknown connector" for every connector.
     * The status alone is not enough: it comes from the status topic, which the worker may have read before the
     * config topic (seen: status answered, then {@code resume} got 404); {@code GET /connectors} is the herder's.
     */
    public void awaitKnown(String name, Duration timeout) {
        Awaitility.await("the Connect worker at " + baseUri + " to know connector " + name)
                .atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> connectors().contains(name) && status(name) != null);
    }

    /** {@code PUT /connectors/{name}/stop}: stops the connector and its tasks, keeping its config and offsets. */
    public void stop(String name) {
        send("PUT", "/connectors/" + encode(name) + "/stop", null);
    }

    /** Restarts the connector and, if asked, its tasks (all, or only the failed ones). */
    public void restart(String name, boolean includeTasks, boolean onlyFailed) {
        send("POST", "/connectors/" + encode(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed, null);
    }

    public void delete(String name) {
        send("DELETE", "/connectors/" + encode(name), null);
        LOG.info("connect: connector {} deleted", name);
    }

    /**
     * {@code PUT /connector-plugins/{class}/config/validate}: Connect's verdict on a config without creating
     * anything.
     */
    public ValidationResult validate(ConnectorConfig connector) {
        String connectorClass = connector.connectorClass();
        if (connectorClass == null) {
            throw new LabException("Connector " + connector.name() + " has no connector.class: add the class of the "
                    + "connector plugin, e.g. io.debezium.connector.postgresql.PostgresConnector.");
        }
        ObjectNode body = JSON.valueToTree(connector.config());
        body.put("name", connector.name());
        String plugin = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return ValidationResult.from(send("PUT", "/connector-plugins/" + encode(plugin) + "/config/validate", body));
    }

    /**
     * Waits until the connector and all its tasks are RUNNING. Fails at once, with Connect's trace, when the
     * connector or a task is FAILED.
     */
    public ConnectorState awaitRunning(String name, Duration timeout) {
        AtomicReference<ConnectorState> last = new AtomicReference<>();
        try {
            Awaitility.await("connector " + name + " and its tasks RUNNING")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsMatching(e -> e instanceof ConnectRestException c && c.status() == 404)
                    .until(() -> {
                        ConnectorState state = status(name);
                        last.set(state);
                        if (state.hasFailure()) {
                            throw new LabException("Connector " + name + " FAILED: " + state.failureSummary());
                        }
                        return state.isRunning();
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("Connector " + name + " was not RUNNING within " + timeout.toSeconds()
                    + " s; last status seen: " + last.get(), e);
        }
        return last.get();
    }

    private JsonNode send(String method, String path, JsonNode body) {
        String request = method + " " + path;
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LabException("Kafka Connect at " + baseUri + " did not answer " + request + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while calling Kafka Connect: " + request, e);
        }
        if (response.statusCode() >= 400) {
            throw new ConnectRestException(request, response.statusCode(), errorMessage(response.body()));
        }
        return parse(response.body());
    }

    private static String errorMessage(String body) {
        JsonNode node = parse(body);
        return node.hasNonNull("message") ? node.get("message").asText() : body;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
