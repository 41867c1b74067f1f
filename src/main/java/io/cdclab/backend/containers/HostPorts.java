package io.cdclab.backend.containers;

import io.cdclab.util.Ports;
import org.testcontainers.containers.GenericContainer;

import java.util.List;

/**
 * Publishes a container port on a host port picked at random among the free ones, chosen once when the container
 * is defined. Docker's own random ports change when a stopped container starts again; a fixed pick keeps the
 * endpoints (and Kafka's advertised listener) valid across the kill/restart of fault scenarios.
 */
final class HostPorts {
    private HostPorts() {
    }

    static int publish(GenericContainer<?> container, int containerPort) {
        int hostPort = Ports.free();
        List<String> bindings = new java.util.ArrayList<>(container.getPortBindings());
        bindings.add(hostPort + ":" + containerPort);
        container.setPortBindings(bindings);
        return hostPort;
    }
}
