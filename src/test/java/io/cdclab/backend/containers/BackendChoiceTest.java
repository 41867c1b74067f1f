package io.cdclab.backend.containers;

import io.cdclab.backend.Backends;
import io.cdclab.backend.embedded.EmbeddedBackend;
import io.cdclab.errors.LabException;
import io.cdclab.topology.Topology;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendChoiceTest {

    @Test
    void auto_takesContainersWhenDockerAnswers_elseEmbedded() {
        assertThat(Backends.choose("auto", () -> true)).isInstanceOf(ContainersBackend.class);
        assertThat(Backends.choose("auto", () -> false)).isInstanceOf(EmbeddedBackend.class);
        assertThat(Backends.choose("", () -> false)).isInstanceOf(EmbeddedBackend.class);
    }

    @Test
    void anExplicitChoice_neverAsksDocker() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(Backends.choose("embedded", () -> asked.incrementAndGet() > 0).name()).isEqualTo("embedded");
        assertThat(Backends.choose(" Containers ", () -> asked.incrementAndGet() > 0).name()).isEqualTo("containers");
        assertThat(asked).hasValue(0);
    }

    @Test
    void containersWithoutDocker_failsAtStartWithTheReason_beforeTouchingAnything() {
        Assumptions.assumeFalse(DockerEngine.isAvailable(), "a Docker engine answers here");
        assertThatThrownBy(() -> new ContainersBackend().start(Topology.builder().build()))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("needs a Docker engine")
                .hasMessageContaining("-Dlab.backend=embedded");
    }

    @Test
    void anUnknownBackend_isNamedWithTheChoices() {
        assertThatThrownBy(() -> Backends.choose("kubernetes", () -> true))
                .hasMessageContaining("kubernetes is not a backend")
                .hasMessageContaining("auto, embedded, containers, aws, external");
    }
}
