package io.cdclab.util;

import io.cdclab.errors.LabException;
import io.cdclab.profiles.ExactlyOnceProfile;
import io.cdclab.profiles.RecoveryProfile;
import io.cdclab.servers.BrokerSettings;
import io.cdclab.servers.WorkerSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertiesResourceTest {

    @Test
    void settingsAreReadInTheFilesOrder_withoutItsComments() {
        Map<String, String> settings = PropertiesResource.read(PropertiesResourceTest.class,
                "properties-resource-test.properties");

        assertThat(settings).containsExactly(Map.entry("zeta", "last in the alphabet, first in the file"),
                Map.entry("alpha", "1"), Map.entry("middle", "a value that goes on on the next line"));
    }

    @Test
    void eachCallGivesTheCallerItsOwnMap() {
        Map<String, String> first = PropertiesResource.read(PropertiesResourceTest.class,
                "properties-resource-test.properties");
        first.put("alpha", "changed");

        assertThat(PropertiesResource.read(PropertiesResourceTest.class, "properties-resource-test.properties"))
                .containsEntry("alpha", "1");
    }

    @Test
    void aMissingFile_isNamedWithItsPackage() {
        assertThatThrownBy(() -> PropertiesResource.read(PropertiesResourceTest.class, "no-such.properties"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("io/cdclab/util/no-such.properties is not on the classpath");
    }

    /** A line without '=' would be read as a key with an empty value: every lab setting has one. */
    @Test
    void theLabsSettingsFiles_giveEverySettingAValue() {
        List<Map<String, String>> all = List.of(WorkerSettings.defaults(), BrokerSettings.of(3),
                RecoveryProfile.workerSettings(), RecoveryProfile.sinkSettings(), RecoveryProfile.sourceSettings(),
                ExactlyOnceProfile.workerSettings(), ExactlyOnceProfile.sourceSettings());

        assertThat(all).allSatisfy(settings -> assertThat(settings).isNotEmpty().doesNotContainValue(""));
        assertThat(WorkerSettings.defaults()).hasSize(20).containsEntry("group.id", WorkerSettings.GROUP_ID)
                .containsEntry("task.shutdown.graceful.timeout.ms", "5000");
        assertThat(BrokerSettings.of(3)).hasSize(12).containsEntry("num.partitions", "3")
                .containsEntry("auto.create.topics.enable", "true");
    }
}
