package io.cdclab.settings;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings object a test builds by hand: what each reading gives, and what a bad value is told. */
class LabSettingsTest {

    @Test
    void unsetSettings_giveTheDefaults() {
        LabSettings none = LabSettings.none();
        assertThat(none.keep()).isFalse();
        assertThat(none.slow()).isFalse();
        assertThat(none.overlapConnectStartup()).isTrue();
        assertThat(none.motoCommand()).isEmpty();
        assertThat(none.get(LabSettings.BACKEND)).isEmpty();
        assertThat(none.number("lab.x", 7)).isEqualTo(7);
        assertThat(none.flag("lab.x", true)).isTrue();
    }

    @Test
    void withAndFrom_setValues_andLeaveTheOriginalAlone() {
        LabSettings none = LabSettings.none();
        LabSettings keep = none.with(LabSettings.KEEP, "TRUE").with(LabSettings.MOTO_COMMAND, " /opt/moto_server ");
        assertThat(keep.keep()).isTrue();
        assertThat(keep.motoCommand()).contains("/opt/moto_server");
        assertThat(none.keep()).isFalse();
        assertThat(keep.with(LabSettings.KEEP, null).keep()).isFalse();
        assertThat(LabSettings.from(Map.of(LabSettings.OVERLAP_CONNECT, "false")).overlapConnectStartup()).isFalse();
    }

    @Test
    void startingWith_keepsThePrefixedSettingsOnly() {
        LabSettings settings = LabSettings.from(Map.of("lab.aws.catalog.glue.id", "1", "lab.aws.bucket", "b"));
        assertThat(settings.startingWith(LabSettings.AWS_CATALOG_PREFIX)).containsOnly(Map.entry("lab.aws.catalog.glue.id", "1"));
    }

    @Test
    void aBadNumberOrFlag_isNamedWithItsValueAndWhatIsAllowed() {
        LabSettings bad = LabSettings.from(Map.of("lab.n", "ten", "lab.f", "yes"));
        assertThatThrownBy(() -> bad.number("lab.n", 10)).isInstanceOf(LabException.class)
                .hasMessageContaining("-Dlab.n=ten").hasMessageContaining("whole number");
        assertThatThrownBy(() -> bad.flag("lab.f", false)).isInstanceOf(LabException.class)
                .hasMessageContaining("-Dlab.f=yes").hasMessageContaining("true or false");
    }

    @Test
    void fromSystemProperties_takesTheLabsAndBenchPropertiesOnly_andToStringShowsNoValue() {
        LabSettings run = LabSettings.fromSystemProperties();
        assertThat(run.asMap().keySet()).allMatch(k -> k.startsWith("lab.") || k.startsWith("bench."));
        LabSettings secret = LabSettings.none().with("lab.external.catalog.token", "s3cr3t");
        assertThat(secret.toString()).contains("lab.external.catalog.token").doesNotContain("s3cr3t");
    }
}
