package io.cdclab.topology;

import io.cdclab.settings.LabSettings;
import io.cdclab.backend.Backends;
import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsAndSettingsTest {

    @Test
    void secretsNeverPrintTheirValue() {
        AwsCredentials credentials = AwsCredentials.generate();

        assertThat(credentials.toString()).contains(credentials.accessKeyId())
                .doesNotContain(credentials.secretAccessKey().reveal());
        assertThat(Secret.of("hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void generatedCredentials_haveTheAwsShape() {
        AwsCredentials credentials = AwsCredentials.generate();

        assertThat(credentials.accessKeyId()).hasSize(20).matches("[A-Z0-9]+");
        assertThat(credentials.secretAccessKey().reveal()).hasSize(40);
    }

    @Test
    void invalidSettings_areRejectedWithTheRule() {
        assertThatThrownBy(() -> Topology.builder().bucket("My_Bucket"))
                .hasMessageContaining("not a valid S3 bucket name");
        assertThatThrownBy(() -> Topology.builder().kafkaPartitions(0))
                .hasMessageContaining("at least 1");
    }

    @Test
    void anUnknownBackend_isNamedWithTheChoices() {
        LabSettings settings = LabSettings.none().with(Backends.PROPERTY, "kubernetes");
        assertThatThrownBy(() -> Backends.from(settings))
                .hasMessageContaining("kubernetes is not a backend")
                .hasMessageContaining("auto, embedded, containers, aws, external");
    }
}
