package io.cdclab.bench;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmarks take their backend from the lab's registry, embedded unless -Dlab.backend says otherwise. */
class BenchBackendTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("lab.backend");
        System.clearProperty("bench.changes");
    }

    @Test
    void withoutLabBackend_theBenchmarksRunEmbedded_notTheRegistrysAuto() {
        assertThat(BenchBackend.fromSystemProperties().name()).isEqualTo("embedded");
        assertThat(BenchBackend.name()).isEqualTo("embedded");
    }

    @Test
    void labBackend_isTheRegistrysChoice_andAnUnknownOneIsRefusedWithTheKnownOnes() {
        System.setProperty("lab.backend", "Containers");
        assertThat(BenchBackend.name()).isEqualTo("containers");
        System.setProperty("lab.backend", "kubernetes");
        assertThatThrownBy(BenchBackend::fromSystemProperties).isInstanceOf(LabException.class)
                .hasMessageContaining("kubernetes").hasMessageContaining("embedded, containers");
    }

    @Test
    void theRecordedCommand_isTheBenchModules_andNamesABackendOtherThanTheDefault() {
        System.setProperty("bench.changes", "1000");
        assertThat(BenchOutput.command("throughput"))
                .isEqualTo("mvn -q -f bench/pom.xml compile exec:java -Dbench.suite=throughput -Dbench.changes=1000");
        System.setProperty("lab.backend", "containers");
        assertThat(BenchOutput.command("throughput")).contains(" -Dlab.backend=containers");
    }

    /** bench/pom.xml repeats the lab's add-opens list (a pom cannot inherit from a jar module): the two stay equal. */
    @Test
    void theBenchPomsJvmFlags_areTheLabPomsFlags() throws Exception {
        assertThat(jvmFlags(Path.of("pom.xml"))).isEqualTo(jvmFlags(Path.of("../pom.xml")));
    }

    private static String jvmFlags(Path pom) throws Exception {
        Matcher m = Pattern.compile("<lab\\.jvm\\.flags>([^<]+)</lab\\.jvm\\.flags>").matcher(Files.readString(pom));
        assertThat(m.find()).as("<lab.jvm.flags> in " + pom.toAbsolutePath()).isTrue();
        return m.group(1).trim();
    }
}
