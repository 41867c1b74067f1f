package io.cdclab.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Connect plugin folders made from jars in the local repository, and the lab's partitioner jar. */
class PluginFolderTest {
    @TempDir
    Path repository;
    @TempDir
    Path target;

    @Test
    void theEntryHoldsOneFolderNamedAfterThePlugin_withTheJarsAsRealFiles() throws Exception {
        Path a = Files.writeString(repository.resolve("a-1.0.jar"), "a");
        Path b = Files.writeString(repository.resolve("b-2.0.jar"), "bb");

        Path entry = PluginFolder.assemble(target, "my-plugin", List.of(a, b));

        assertThat(entry.getFileName().toString()).startsWith("my-plugin-");
        try (var children = Files.list(entry)) {
            assertThat(children).containsExactly(entry.resolve("my-plugin"));
        }
        Path linked = entry.resolve("my-plugin/b-2.0.jar");
        assertThat(linked).isRegularFile().hasContent("bb");
        assertThat(Files.isSymbolicLink(linked)).isFalse();
        assertThat(Files.isSameFile(linked, b)).as("a hard link, no copy, on one file system").isTrue();
    }

    @Test
    void theSameJarsGiveTheSameFolder_otherJarsAnother_andNoBuildingFolderIsLeft() throws Exception {
        Path a = Files.writeString(repository.resolve("a-1.0.jar"), "a");
        Path b = Files.writeString(repository.resolve("b-2.0.jar"), "bb");

        Path first = PluginFolder.assemble(target, "p", List.of(a));
        Path again = PluginFolder.assemble(target, "p", List.of(a));
        Path other = PluginFolder.assemble(target, "p", List.of(a, b));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        try (var children = Files.list(target)) {
            assertThat(children.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("building"));
        }
    }

    @Test
    void thePartitionerJarHoldsTheLabsPartitionerClass_andIsWrittenOnce() throws Exception {
        Path jar = PartitionerJar.writeIn(target);
        long written = Files.getLastModifiedTime(jar).toMillis();

        assertThat(jar.getFileName().toString()).startsWith(PartitionerJar.FILE_PREFIX).endsWith(".jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getEntry("io/cdclab/partitioner/TenantPartitioner.class")).isNotNull();
        }
        assertThat(PartitionerJar.writeIn(target)).isEqualTo(jar);
        assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(written);
    }
}
