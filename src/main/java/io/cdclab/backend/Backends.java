package io.cdclab.backend;

import io.cdclab.backend.aws.AwsBackend;
import io.cdclab.backend.containers.ContainersBackend;
import io.cdclab.backend.containers.DockerEngine;
import io.cdclab.backend.embedded.EmbeddedBackend;
import io.cdclab.backend.external.ExternalBackend;
import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.Backend;
import io.cdclab.topology.BackendChooser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Chooses the backend from {@code -Dlab.backend=auto|embedded|containers|aws|external} ({@code -Paws} sets
 * {@code aws}). {@code auto} takes containers when a Docker engine answers, else embedded. The choice and the
 * reason for it are logged once per start. Adding a backend: its package under {@code backend/}, a case here, and a
 * row in the README's backends table. {@link io.cdclab.topology.Topology#start()} finds this registry through
 * {@code META-INF/services/io.cdclab.topology.BackendChooser}.
 */
public final class Backends implements BackendChooser {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    public static final String PROPERTY = LabSettings.BACKEND;

    /** For {@link java.util.ServiceLoader}; the registry itself is static. */
    public Backends() {
    }

    @Override
    public Backend choose(LabSettings settings) {
        return from(settings);
    }

    /** The backend {@code -Dlab.backend} of {@code settings} names, built from those settings. */
    public static Backend from(LabSettings settings) {
        return choose(settings, DockerEngine::isAvailable);
    }

    /** The name of the backend {@code -Dlab.backend} chooses, without building it (no credentials are resolved). */
    public static String name(LabSettings settings) {
        String name = normalized(settings.get(PROPERTY).orElse("auto"));
        if (name.isEmpty() || name.equals("auto")) {
            return DockerEngine.isAvailable() ? "containers" : "embedded";
        }
        return name;
    }

    private static String normalized(String requested) {
        return requested == null ? "" : requested.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The backend for {@code requested}, with no other setting; {@code dockerAvailable} is asked only for
     * {@code auto}. Public for tests.
     */
    public static Backend choose(String requested, BooleanSupplier dockerAvailable) {
        return choose(LabSettings.none().with(PROPERTY, requested), dockerAvailable);
    }

    /** The backend {@code settings} name; {@code dockerAvailable} is asked only for {@code auto}. Public for tests. */
    public static Backend choose(LabSettings settings, BooleanSupplier dockerAvailable) {
        String requested = settings.get(PROPERTY).orElse("auto");
        String name = normalized(requested);
        return switch (name) {
            case "", "auto" -> {
                if (dockerAvailable.getAsBoolean()) {
                    LOG.info("backend: auto -> containers (a Docker engine answers; -D{}=embedded runs without it)", PROPERTY);
                    yield new ContainersBackend();
                }
                LOG.info("backend: auto -> embedded ({}; real servers on 127.0.0.1 instead)", DockerEngine.UNAVAILABLE_REASON);
                yield new EmbeddedBackend();
            }
            case "embedded" -> chosen(new EmbeddedBackend());
            case "containers" -> chosen(new ContainersBackend());
            case "aws" -> chosen(AwsBackend.from(settings));
            case "external" -> chosen(ExternalBackend.from(settings));
            default -> throw new LabException("-D" + PROPERTY + "=" + requested + " is not a backend. Choose one of: "
                    + "auto, embedded, containers, aws, external.");
        };
    }

    private static Backend chosen(Backend backend) {
        LOG.info("backend: {} (chosen with -D{}={})", backend.name(), PROPERTY, backend.name());
        return backend;
    }
}
