package io.cdclab.junit;

import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.topology.Backends;
import io.cdclab.topology.LakeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Glue lake on built images has no moto: its classes are reported skipped with that reason, not failed. */
class GlueLakeSkipTest {
    private final Map<String, String> saved = new HashMap<>();

    @CdcLab(lake = LakeKind.GLUE)
    static class AGlueLakeClass {
    }

    @CdcLab
    static class AJdbcLakeClass {
    }

    @Test
    void onBuiltImages_aGlueLakeClassIsSkippedNamingWhy_andAJdbcLakeClassRuns() {
        set(Backends.PROPERTY, "containers");
        set(ImageSource.PROPERTY, "built");
        assertThat(LabExtension.whyTheLakeCannotRun(AGlueLakeClass.class)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("Glue lake skipped on the containers backend with -Dlab.containers.images=built: ")
                .contains("moto", "not a Maven artifact"));
        assertThat(LabExtension.whyTheLakeCannotRun(AJdbcLakeClass.class)).isEmpty();

        set(ImageSource.PROPERTY, "public");
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
