package io.cdclab.backend.external;

import io.cdclab.topology.AbstractBackend;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.settings.LabSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * An existing cluster: Kafka, a Connect worker (with Debezium, the Iceberg sink, {@code config.providers=env} and
 * the CDC_LAB_* / AWS_* variables), PostgreSQL, a catalog and an object store, all given as
 * {@code -Dlab.external.*} properties (see {@link ExternalSettings}). Nothing is started; at close only what this
 * run created is removed.
 */
public final class ExternalBackend extends AbstractBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalBackend.class);
    private final Map<String, String> properties;
    private final Map<String, String> env;

    ExternalBackend(Map<String, String> properties, Map<String, String> env) {
        super("external", "its Connect cluster is the one it was lent, and the lab cannot kill or start that "
                + "cluster's workers.");
        this.properties = properties;
        this.env = env;
    }

    /** Checks the properties now, so a missing one fails before any test runs; the catalog name comes at start. */
    public static ExternalBackend from(LabSettings settings) {
        ExternalSettings.from(settings, System.getenv(), "lake");
        return new ExternalBackend(settings.startingWith(ExternalSettings.PREFIX), System.getenv());
    }

    /**
     * From explicit settings: {@code lab.external.*} properties and the environment holding the secrets, e.g. a
     * {@code --keep-running} session's login file (its {@code CDC_LAB_EXTERNAL_ARGS} and its variables).
     */
    public static ExternalBackend of(Map<String, String> properties, Map<String, String> env) {
        ExternalSettings.from(properties, env, "lake");
        return new ExternalBackend(Map.copyOf(properties), Map.copyOf(env));
    }

    @Override
    public RunningTopology start(Topology topology) {
        ExternalSettings settings = ExternalSettings.from(properties, env, topology.catalogName());
        LOG.info("external: using {} (nothing is started)", settings);
        return ExternalTopology.open(topology, settings);
    }
}
