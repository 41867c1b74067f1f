package io.cdclab.pipeline;

import io.cdclab.connect.Converter;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.PipelineProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast profile's settings and how a profile is chosen, without servers. */
class PipelineProfileTest {

    @AfterEach
    void clear() {
        System.clearProperty(PipelineProfile.PROPERTY);
    }

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
        assertThat(PipelineProfile.fromSystemProperty()).isEqualTo(PipelineProfile.DEFAULT);
        System.setProperty(PipelineProfile.PROPERTY, "fast");
        assertThat(PipelineProfile.fromSystemProperty()).isEqualTo(PipelineProfile.FAST);
        System.setProperty(PipelineProfile.PROPERTY, "fastest");
        assertThatThrownBy(PipelineProfile::fromSystemProperty).isInstanceOf(LabException.class)
                .hasMessageContaining("'fastest'").hasMessageContaining("-Dlab.profile").hasMessageContaining("fast (");
    }
}
