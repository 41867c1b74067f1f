package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.BuiltImages;
import io.cdclab.backend.containers.images.ImageAvailability;
import io.cdclab.backend.containers.images.LabImages;
import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.Topology;
import io.cdclab.util.Timer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Docker engine answers, but an image can be neither found on it, built, nor pulled: the lab stops before it
 * starts anything, with one error naming the image, the pull's own error and the ways out, and the console shows
 * no retried pulls or stack traces. The image here is one no registry has, so the test means the same on a machine
 * whose registry answers.
 */
@RequiresDockerEngine(whateverTheBackend = true)
class MissingImageTest {
    private static final DockerImageName NOWHERE = DockerImageName.parse("cdc-lab-test/never-published:0");

    @Test
    void aPublicImageThatCannotBePulled_stopsTheRunBeforeAnythingStarts_withTheImageThePullErrorAndTheWaysOut() {
        LabImages images = LabImages.publicImages();
        LabImages oneMissing = new LabImages(images.source(), NOWHERE.asCompatibleSubstituteFor("postgres"),
                images.kafka(), images.connect(), images.s3proxy(), images.moto(), images.whyNoMoto());
        ContainersBackend backend = new ContainersBackend((settings, glue, s3) ->
                ContainersBackend.requirePublic(oneMissing, glue, s3, ImageAvailability.onTestcontainersEngine()));
        Set<String> containersBefore = containers();
        Set<String> networksBefore = networks();

        Timer timer = Timer.start();
        try (ConsoleEvents console = ConsoleEvents.capture()) {
            assertThatThrownBy(() -> backend.start(Topology.builder().build()))
                    .isInstanceOf(LabException.class)
                    .hasMessageMatching("(?s).*cannot get [1-4] of the images it needs\\. Nothing was started\\..*")
                    .hasMessageContaining("cdc-lab-test/never-published:0 (not on this Docker engine; pulling it failed: ")
                    .hasMessageContaining("-Dlab.backend=embedded")
                    .hasMessageContaining("-Dlab.containers.images=built")
                    .hasMessageContaining("hub.image.name.prefix");
            assertThat(console.events()).as("console lines with a stack trace, or retried pulls")
                    .noneMatch(e -> e.getThrown() != null || e.getMessage().getFormattedMessage().contains("Retrying pull"));
        }
        assertThat(timer.elapsed()).as("one pull per image, no retries").isLessThan(Duration.ofSeconds(60));
        assertThat(containers()).isEqualTo(containersBefore);
        assertThat(networks()).isEqualTo(networksBefore);
    }

    @Test
    void builtImages_onABaseImageThatIsNowhere_stopWithItsNameAndHowToNameAnother() {
        assertThatThrownBy(() -> BuiltImages.onTestcontainersEngine().ensure(NOWHERE, LabSettings.fromSystemProperties()))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("on the base image cdc-lab-test/never-published:0, which is not on this Docker "
                        + "engine, and pulling it failed: ")
                .hasMessageContaining("-Dlab.containers.baseImage=")
                .hasMessageContaining("scripts/docker-engine.sh up")
                .hasMessageContaining("-Dlab.backend=embedded");
    }

    private static Set<String> containers() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true).exec().stream()
                .map(c -> c.getId()).collect(Collectors.toSet());
    }

    private static Set<String> networks() {
        return DockerClientFactory.instance().client().listNetworksCmd().exec().stream()
                .map(n -> n.getId()).collect(Collectors.toSet());
    }

    /** What reaches the console: events that pass their logger's level, seen by an appender on the root logger. */
    private static final class ConsoleEvents extends AbstractAppender implements AutoCloseable {
        private final List<LogEvent> events = new CopyOnWriteArrayList<>();
        private final LoggerContext context;

        private ConsoleEvents(LoggerContext context) {
            super("console-events", null, null, true, Property.EMPTY_ARRAY);
            this.context = context;
        }

        static ConsoleEvents capture() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            ConsoleEvents appender = new ConsoleEvents(context);
            appender.start();
            context.getConfiguration().getRootLogger().addAppender(appender, Level.ALL, null);
            context.updateLoggers();
            return appender;
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }

        List<LogEvent> events() {
            return events;
        }

        @Override
        public void close() {
            context.getConfiguration().getRootLogger().removeAppender(getName());
            context.updateLoggers();
            stop();
        }
    }
}
