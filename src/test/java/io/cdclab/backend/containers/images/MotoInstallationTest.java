package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built moto image's recipe from what moto's own Python listed: files kept at the prefix, libraries by soname. */
class MotoInstallationTest {

    @Test
    void aListing_becomesARecipe_withTheInstallationUnderPython_theLibrariesUnderLib_andThePrefixInTheDockerfile(
            @TempDir Path prefix) throws IOException {
        Path python = Files.writeString(Files.createDirectories(prefix.resolve("bin")).resolve("python3.11"), "elf");
        Path module = Files.writeString(Files.createDirectories(prefix.resolve("lib/python3.11/site-packages/moto"))
                .resolve("server.py"), "def main(): pass");
        Path ssl = Files.writeString(prefix.resolve("libssl.so.3.0"), "lib");
        python.toFile().setExecutable(true);
        MotoInstallation moto = MotoInstallation.parse("prefix " + prefix + "\npython " + python + "\nversion 5.2.1\n"
                + "file " + python + "\nfile " + module + "\nlib " + ssl + " libssl.so.3\n");

        ImageRecipe recipe = ImageRecipes.moto(moto);

        assertThat(recipe.server()).isEqualTo("moto");
        assertThat(recipe.version()).isEqualTo("5.2.1");
        assertThat(recipe.files()).containsKeys("python/bin/python3.11", "python/lib/python3.11/site-packages/moto/server.py",
                "lib/libssl.so.3", "docker-entrypoint.sh");
        assertThat(recipe.files().get("python/bin/python3.11").mode()).isEqualTo(0755);
        assertThat(recipe.files().get("python/lib/python3.11/site-packages/moto/server.py").mode()).isEqualTo(0644);
        assertThat(recipe.dockerfile()).contains("COPY python/ " + prefix + "/")
                .contains("MOTO_PYTHON=" + python).doesNotContain("@PYTHON");
    }

    @Test
    void aListingWithoutAnInstallation_isAnErrorThatSaysWhatToInstall() {
        assertThatThrownBy(() -> MotoInstallation.parse("Traceback (most recent call last):\n"))
                .isInstanceOf(LabException.class).hasMessageContaining("moto[server]");
    }
}
