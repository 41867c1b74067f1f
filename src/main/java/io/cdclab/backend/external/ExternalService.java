package io.cdclab.backend.external;

import io.cdclab.errors.LabException;
import io.cdclab.topology.Service;

/** A service the lab did not start and does not control: asking it to stop or kill it is an error, not a no-op. */
final class ExternalService implements Service {
    private final String name;
    private final String endpoint;

    ExternalService(String name, String endpoint) {
        this.name = name;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        // it runs already; the lab never stopped it
    }

    @Override
    public void stop() {
        throw notControlled("stop");
    }

    @Override
    public void kill() {
        throw notControlled("kill");
    }

    @Override
    public boolean isRunning() {
        return true;
    }

    @Override
    public void close() {
        // closing the topology leaves an external service running
    }

    private LabException notControlled(String action) {
        return new LabException("The external backend cannot " + action + " " + name + " at " + endpoint
                + ": the lab does not own it. Fault scenarios run on the embedded or containers backend.");
    }
}
