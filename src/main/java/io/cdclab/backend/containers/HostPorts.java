package io.cdclab.backend.containers;

import io.cdclab.util.Ports;
import org.testcontainers.containers.GenericContainer;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a container port on a host port picked at random among the free ones, chosen once when the container
 * is defined, on the loopback address only. Docker's own random ports change when a stopped container starts
 * again; a fixed pick keeps the endpoints (and Kafka's advertised listener) valid across the kill/restart of fault
 * scenarios. Without an address, Docker (20.10 seen here, even with {@code dockerd --ip=127.0.0.1}) published on
 * 0.0.0.0 and ::, i.e. reachable from other machines.
 */
final class HostPorts {
    /** Where published ports listen: the tests reach containers from this machine only. */
    static final String HOST_ADDRESS = "127.0.0.1";

    private HostPorts() {
    }

    static int publish(GenericContainer<?> container, int containerPort) {
        int hostPort = Ports.free();
        List<String> bindings = new ArrayList<>(container.getPortBindings());
        bindings.add(HOST_ADDRESS + ":" + hostPort + ":" + containerPort);
        container.setPortBindings(bindings);
        return hostPort;
    }
}
