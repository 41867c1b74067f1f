package io.cdclab.topology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Stops services one after the other; one that fails to stop is logged and does not keep the rest running. */
public final class ServiceStops {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceStops.class);

    private ServiceStops() {
    }

    /** Stops {@code services} in the order given (dependents first), logging failures under {@code backend}. */
    public static void inOrder(String backend, List<? extends Service> services) {
        for (Service service : services) {
            try {
                service.stop();
            } catch (RuntimeException e) {
                LOG.warn("{}: stopping {} failed: {}", backend, service.name(), e.toString());
            }
        }
    }
}
