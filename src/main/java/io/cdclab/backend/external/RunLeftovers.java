package io.cdclab.backend.external;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Removes from a shared cluster only what this run created: names that did not exist when the run started and
 * that follow the lab's naming (connectors {@code <id>-source/-sink}, topics and slots {@code cdc_<id>...}).
 * Something someone else created during the run with the lab's names would be taken too; the lab's pipeline ids
 * keep that unlikely, the docs say so.
 */
final class RunLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(RunLeftovers.class);

    private final NamedResources resources;
    private final Predicate<String> labNaming;
    private final Set<String> before;

    private RunLeftovers(NamedResources resources, Predicate<String> labNaming, Set<String> before) {
        this.resources = resources;
        this.labNaming = labNaming;
        this.before = before;
    }

    static RunLeftovers before(NamedResources resources, Predicate<String> labNaming) {
        return new RunLeftovers(resources, labNaming, new HashSet<>(resources.names()));
    }

    /** Removes what appeared since {@link #before}; a failure to remove one name is logged and the rest go on. */
    List<String> remove() {
        List<String> removed = new ArrayList<>();
        for (String name : resources.names()) {
            if (before.contains(name) || !labNaming.test(name)) {
                continue;
            }
            try {
                resources.remove(name);
                removed.add(name);
            } catch (RuntimeException e) {
                LOG.warn("external: could not remove {} {}: {}", resources.kind(), name, e.toString());
            }
        }
        LOG.info("external: removed {} {}(s) this run created: {}", removed.size(), resources.kind(), removed);
        return removed;
    }
}
