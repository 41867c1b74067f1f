package io.cdclab.backend.external;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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
 *
 * @param before the names that existed when the run started
 * @param quiet  how long the run's names must stay gone before removal counts as done; zero: one pass
 */
record RunLeftovers(NamedResources resources, Predicate<String> labNaming, Set<String> before, Duration quiet) {
    private static final Logger LOG = LoggerFactory.getLogger(RunLeftovers.class);

    /** Notes the names {@code resources} holds now: what this run leaves alone at close. */
    static RunLeftovers before(NamedResources resources, Predicate<String> labNaming) {
        return new RunLeftovers(resources, labNaming, new HashSet<>(resources.names()), Duration.ZERO);
    }

    /**
     * The same, removed again whenever they come back, until gone for {@code quiet}: a deleted connector's task
     * that is still stopping can create its topic again through auto-creation, later on a busy machine.
     */
    RunLeftovers untilGoneFor(Duration quiet) {
        return new RunLeftovers(resources, labNaming, before, quiet);
    }

    /** What the run created, removed as this kind needs: once, or until it stays gone. */
    List<String> removeAll() {
        return quiet.isZero() ? remove() : removeUntilGone(Duration.ofSeconds(30));
    }

    /** Removes what appeared since {@link #before()}; a failure to remove one name is logged and the rest go on. */
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
        if (!removed.isEmpty()) {
            LOG.info("external: removed {} {}(s) this run created: {}", removed.size(), resources.kind(), removed);
        }
        return removed;
    }

    /** {@link #remove()}, again whenever a listing shows the run's names back, until gone for {@link #quiet}. */
    private List<String> removeUntilGone(Duration atMost) {
        List<String> removed = new ArrayList<>(remove());
        try {
            Awaitility.await(resources.kind() + "s this run created, gone for " + quiet.toMillis() + " ms")
                    .atMost(atMost).during(quiet).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        List<String> back = remove();
                        removed.addAll(back);
                        return back.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            LOG.warn("external: {}s this run created kept coming back for {} s: {}", resources.kind(),
                    atMost.toSeconds(), e.getMessage());
        }
        return removed;
    }
}
