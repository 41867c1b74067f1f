package io.cdclab.pipeline;

import io.cdclab.settings.LabSettings;
import io.cdclab.connect.Converter;
import io.cdclab.errors.LabException;
import io.cdclab.profiles.PipelineProfile;
import org.junit.jupiter.api.Test;

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
}
