package io.cdclab.junit;

import io.cdclab.backend.Backends;
import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.gluelake.MotoServer;
import io.cdclab.topology.LakeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Glue lake on built images needs this machine's moto_server (its image is built from it): without one, its
 * classes are reported skipped with that reason, not failed.
 */
class GlueLakeSkipTest {
    private final Map<String, String> saved = new HashMap<>();

    @CdcLab(lake = LakeKind.GLUE)
    static class AGlueLakeClass {
    }

    @CdcLab
    static class AJdbcLakeClass {
    }

    @Test
    void onBuiltImages_withoutMotoServer_aGlueLakeClassIsSkippedNamingWhy_andAJdbcLakeClassRuns() {
        set(Backends.PROPERTY, "containers");
        set(ImageSource.PROPERTY, "built");
        set(MotoServer.COMMAND_PROPERTY, "/nonexistent/moto_server");
        assertThat(LabExtension.whyTheLakeCannotRun(AGlueLakeClass.class)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("Glue lake skipped on the containers backend with -Dlab.containers.images=built: ")
                .contains("moto", "not a Maven artifact", "pip install"));
        assertThat(LabExtension.whyTheLakeCannotRun(AJdbcLakeClass.class)).isEmpty();

        set(ImageSource.PROPERTY, "public");
        assertThat(LabExtension.whyTheLakeCannotRun(AGlueLakeClass.class)).isEmpty();
    }

    @Test
    void onBuiltImages_withMotoServerInstalled_aGlueLakeClassRuns() {
        set(Backends.PROPERTY, "containers");
        set(ImageSource.PROPERTY, "built");
        set(MotoServer.COMMAND_PROPERTY, "/bin/sh"); // any executable: only its presence is asked here
        assertThat(LabExtension.whyTheLakeCannotRun(AGlueLakeClass.class)).isEmpty();
    }

    private void set(String property, String value) {
        saved.putIfAbsent(property, System.getProperty(property));
        System.setProperty(property, value);
    }

    @AfterEach
    void restore() {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }
}
