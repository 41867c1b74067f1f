package io.cdclab.topology;

import io.cdclab.backend.embedded.EmbeddedBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Chooses the backend from {@code -Dlab.backend=auto|embedded|containers|aws|external}. This build ships the
 * embedded backend; the others are named so a wrong choice gets a clear answer instead of a silent fallback.
 */
public final class Backends {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    public static final String PROPERTY = "lab.backend";

    private Backends() {
    }

    public static Backend fromSystemProperties() {
        String requested = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (requested) {
            case "", "auto" -> {
                LOG.info("backend: auto -> embedded (real servers on 127.0.0.1; the containers backend is not built yet)");
                yield new EmbeddedBackend();
            }
            case "embedded" -> {
                LOG.info("backend: embedded (chosen with -D{}=embedded)", PROPERTY);
                yield new EmbeddedBackend();
            }
            case "containers", "aws", "external" -> throw new LabException("-D" + PROPERTY + "=" + requested
                    + " is not available in this version of cdc-lab yet; use embedded (or auto).");
            default -> throw new LabException("-D" + PROPERTY + "=" + requested + " is not a backend. Choose one of: "
                    + "auto, embedded, containers, aws, external.");
        };
    }
}
