package io.cdclab.gluelake;

import io.cdclab.settings.LabSettings;
import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where moto_server is absent, the Glue lake says how to install it (LabExtension reports the class skipped with it). */
class MotoServerLocateTest {

    @Test
    void aNamedExecutableThatIsNotThere_isNotFound_andTheErrorGivesTheInstallCommand() {
        LabSettings settings = LabSettings.none().with(MotoServer.COMMAND_PROPERTY, "/nonexistent/moto_server");
        assertThat(MotoServer.locate(settings)).isEmpty();
        assertThatThrownBy(() -> MotoServer.require(settings)).isInstanceOf(LabException.class)
                .hasMessageContaining("pip install 'moto[server]'")
                .hasMessageContaining("-D" + MotoServer.COMMAND_PROPERTY + "=/nonexistent/moto_server");
    }
}
