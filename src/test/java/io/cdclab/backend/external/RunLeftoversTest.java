package io.cdclab.backend.external;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class RunLeftoversTest {

    @Test
    void removesOnlyWhatAppearedDuringTheRunUnderTheLabsNames() {
        InMemory connectors = new InMemory("connector", "orders-cdc", "k1-source");
        RunLeftovers leftovers = RunLeftovers.before(connectors, n -> n.endsWith("-source") || n.endsWith("-sink"));
        connectors.names.addAll(Set.of("k2-source", "k2-sink", "billing-cdc"));

        assertThat(leftovers.remove()).containsExactlyInAnyOrder("k2-source", "k2-sink");
        assertThat(connectors.names).containsExactlyInAnyOrder("orders-cdc", "k1-source", "billing-cdc");
    }

    @Test
    void oneFailedRemoval_doesNotStopTheOthers() {
        InMemory slots = new InMemory("replication slot");
        RunLeftovers leftovers = RunLeftovers.before(slots, n -> n.startsWith("cdc_"));
        slots.names.addAll(Set.of("cdc_a", "cdc_busy", "cdc_c"));

        assertThat(leftovers.remove()).containsExactlyInAnyOrder("cdc_a", "cdc_c");
        assertThat(slots.names).containsExactly("cdc_busy");
    }

    @Test
    void aTopicCreatedAgainAfterItsDelete_isDeletedAgainUntilItStaysGone() {
        InMemory topics = new InMemory("topic", "orders");
        RunLeftovers leftovers = RunLeftovers.before(topics, n -> n.startsWith("cdc_"))
                .untilGoneFor(Duration.ofMillis(600));
        topics.names.addAll(Set.of("cdc_k1.public.t", "cdc_k1.public.u"));
        topics.comesBackOnce = "cdc_k1.public.t";   // a stopping source task auto-creates it once more

        assertThat(leftovers.removeAll()).containsExactlyInAnyOrder("cdc_k1.public.t", "cdc_k1.public.u",
                "cdc_k1.public.t");
        assertThat(topics.names).containsExactly("orders");
    }

    @Test
    void sinkGroups_areTheSinksTheCoordinatorsAndTheIcebergControlConsumers() {
        assertThat(Set.of("connect-k1-sink", "connect-k1-sink-coord", "cg-control-3f2a", "connect-k1-source",
                "orders-app", "connect-cluster")).filteredOn(ExternalTopology::isSinkGroup)
                .containsExactlyInAnyOrder("connect-k1-sink", "connect-k1-sink-coord", "cg-control-3f2a");
    }

    private static final class InMemory implements NamedResources {
        final Set<String> names = new TreeSet<>();
        String comesBackOnce;
        private final String kind;

        InMemory(String kind, String... existing) {
            this.kind = kind;
            names.addAll(Set.of(existing));
        }

        public String kind() {
            return kind;
        }

        public Set<String> names() {
            return new TreeSet<>(names);
        }

        public void remove(String name) {
            if (name.contains("busy")) {
                throw new IllegalStateException("replication slot \"" + name + "\" is active");
            }
            names.remove(name);
            if (name.equals(comesBackOnce)) {
                comesBackOnce = null;
                names.add(name);
            }
        }
    }
}
