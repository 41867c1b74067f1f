package io.cdclab.pipeline;

import io.cdclab.connect.ConnectClient;
import io.cdclab.connect.Converter;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.PipelineProfile;
import io.cdclab.settings.LabSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast profile's settings and how a profile is chosen, without servers. */
class PipelineProfileTest {

    @Test
    void fastProfile_isAvro_withTheProducerLeversTheMatrixMeasuredOneByOne() {
        PipelineProfile fast = PipelineProfile.of("FAST");
        assertThat(fast.converter()).as("a converter that keeps C4's types").isEqualTo(Converter.AVRO);
        assertThat(fast.sourceSettings())
                .containsAllEntriesOf(PipelineProfile.FastSettings.PRODUCER_BATCHING)
                .containsAllEntriesOf(PipelineProfile.FastSettings.PRODUCER_COMPRESSION)
                .containsEntry("producer.override.linger.ms", "10")
                .containsEntry("producer.override.compression.type", "lz4")
                .doesNotContainKey("max.batch.size");
        assertThat(PipelineProfile.DEFAULT.converter()).isNull();
        assertThat(PipelineProfile.DEFAULT.sourceSettings()).isEmpty();
    }

    @Test
    void theProfileComesFromLabProfile_andAnUnknownOneIsRefusedWithTheKnownOnes() {
        assertThat(PipelineProfile.from(LabSettings.none())).isEqualTo(PipelineProfile.DEFAULT);
        assertThat(PipelineProfile.from(LabSettings.none().with(PipelineProfile.PROPERTY, "fast")))
                .isEqualTo(PipelineProfile.FAST);
        assertThatThrownBy(() -> PipelineProfile.from(LabSettings.none().with(PipelineProfile.PROPERTY, "fastest"))).isInstanceOf(LabException.class)
                .hasMessageContaining("'fastest'").hasMessageContaining("-Dlab.profile").hasMessageContaining("fast (");
    }

    @Test
    void everyPipelineOfARun_startsFromTheRunsConverterAndProfile_notFromSystemProperties() {
        Pipeline.Builder plain = Pipeline.builder(new SettingsHost(LabSettings.none()), "plain");
        assertThat(plain.converter()).isNull();
        assertThat(plain.profile()).isEqualTo(PipelineProfile.DEFAULT);

        Pipeline.Builder fast = Pipeline.builder(new SettingsHost(LabSettings.none()
                .with(PipelineProfile.PROPERTY, "fast,recovery")), "fast");
        assertThat(fast.profile()).isEqualTo(PipelineProfile.FAST);
        assertThat(fast.converter()).as("the profile's converter").isEqualTo(Converter.AVRO);

        Pipeline.Builder json = Pipeline.builder(new SettingsHost(LabSettings.none()
                .with(PipelineProfile.PROPERTY, "fast").with(Converter.PROPERTY, "json")), "json");
        assertThat(json.converter()).as("-Dlab.converter wins over the profile's").isEqualTo(Converter.JSON);
    }

    /** A host with the run's settings and nothing else: building a pipeline reads no server. */
    private record SettingsHost(LabSettings labSettings) implements PipelineHost {
        public int kafkaPartitions() {
            return 1;
        }

        public Duration sinkCommitInterval() {
            return Duration.ofSeconds(1);
        }

        public SourceDatabase source() {
            throw new UnsupportedOperationException("not started");
        }

        public String kafkaBootstrapServers() {
            throw new UnsupportedOperationException("not started");
        }

        public ConnectClient connect() {
            throw new UnsupportedOperationException("not started");
        }

        public CatalogSpec catalog() {
            throw new UnsupportedOperationException("not started");
        }
    }
}
