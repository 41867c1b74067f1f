package io.cdclab.junit;

import io.cdclab.backend.Backends;
import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.gluelake.MotoServer;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.LakeKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Glue lake on built images needs this machine's moto_server (its image is built from it): without one, its
 * classes are reported skipped with that reason, not failed.
 */
class GlueLakeSkipTest {

    @CdcLab(lake = LakeKind.GLUE)
    static class AGlueLakeClass {
    }

    @CdcLab
    static class AJdbcLakeClass {
    }

    @Test
    void onBuiltImages_withoutMotoServer_aGlueLakeClassIsSkippedNamingWhy_andAJdbcLakeClassRuns() {
        LabSettings run = LabSettings.none().with(Backends.PROPERTY, "containers").with(ImageSource.PROPERTY, "built")
                .with(MotoServer.COMMAND_PROPERTY, "/nonexistent/moto_server");
        assertThat(LabExtension.whyTheLakeCannotRun(AGlueLakeClass.class, run)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("Glue lake skipped on the containers backend with -Dlab.containers.images=built: ")
                .contains("moto", "not a Maven artifact", "pip install"));
        assertThat(LabExtension.whyTheLakeCannotRun(AJdbcLakeClass.class, run)).isEmpty();

        LabSettings publicImages = run.with(ImageSource.PROPERTY, "public");
        assertThat(LabExtension.whyTheLakeCannotRun(AGlueLakeClass.class, publicImages)).isEmpty();
    }

    @Test
    void onBuiltImages_withMotoServerInstalled_aGlueLakeClassRuns() {
        LabSettings run = LabSettings.none().with(Backends.PROPERTY, "containers").with(ImageSource.PROPERTY, "built")
                .with(MotoServer.COMMAND_PROPERTY, "/bin/sh"); // any executable: only its presence is asked here
        assertThat(LabExtension.whyTheLakeCannotRun(AGlueLakeClass.class, run)).isEmpty();
    }
}
