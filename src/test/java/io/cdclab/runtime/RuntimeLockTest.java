package io.cdclab.runtime;

import io.cdclab.settings.LabSettings;
import eu.maveniverse.maven.mima.context.Context;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.util.graph.visitor.PreorderNodeListGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtimes are pinned: a lab built today resolves exactly the jars of its locks tomorrow.
 *
 * <p>At run time the lab resolves each locked coordinate on its own (no version ranges, no transitive
 * mediation), so nothing published later can change what it runs. This test keeps the locks honest the other
 * way: resolving the runtimes' roots transitively today, as Maven would, gives the locks exactly, in order. When a
 * root or a version in the pom changes, it fails and says how to rewrite the locks
 * ({@code mvn test -Dtest=RuntimeLockTest -Dlab.locks.write=true}).
 */
class RuntimeLockTest {
    private static Context context;

    @BeforeAll
    static void openResolver() {
        context = RuntimeResolver.openContext(ResolverSettings.from(LabSettings.fromSystemProperties()), new AbstractTransferListener() {
        });
    }

    @AfterAll
    static void closeResolver() {
        context.close();
    }

    @ParameterizedTest
    @EnumSource(value = LabRuntime.class, names = "POSTGRES_BINARIES", mode = EnumSource.Mode.EXCLUDE)
    void theLockIsExactlyWhatItsRootsResolveTo(LabRuntime runtime) throws Exception {
        List<String> today = resolveRoots(RuntimeRoots.of(runtime));
        if (Boolean.getBoolean("lab.locks.write")) {
            writeLock(runtime, today);
        }
        assertThat(runtime.lockedCoordinates())
                .as("%s: the roots resolve to another set today; rewrite the locks with "
                    + "mvn test -Dtest=RuntimeLockTest -Dlab.locks.write=true and review the diff", runtime.lockResource())
                .containsExactlyElementsOf(today);
    }

    @ParameterizedTest
    @EnumSource(LabRuntime.class)
    void everyLockedCoordinateIsExact(LabRuntime runtime) {
        assertThat(runtime.lockedCoordinates()).isNotEmpty().doesNotHaveDuplicates().allSatisfy(coordinate -> {
            Artifact artifact = new DefaultArtifact(coordinate);
            assertThat(artifact.getExtension()).as(coordinate).isNotBlank();
            assertThat(artifact.isSnapshot()).as(coordinate + " is a snapshot").isFalse();
            assertThat(artifact.getVersion()).as(coordinate).doesNotContain("[", "(", ",", "LATEST", "RELEASE");
            assertThat(coordinate.split(":")).as(coordinate + " names its extension").hasSizeBetween(4, 5);
        });
    }

    @Test
    void thePostgresLockHasOneBinaryJarPerSupportedPlatform_andEachExists() throws Exception {
        List<Platform> platforms = List.of(new Platform("linux", "amd64"), new Platform("linux", "arm64v8"),
                new Platform("darwin", "amd64"), new Platform("darwin", "arm64v8"));
        String version = RuntimeRoots.version("postgres.binaries.version");
        assertThat(LabRuntime.POSTGRES_BINARIES.lockedCoordinates()).containsExactlyElementsOf(platforms.stream()
                .map(p -> "io.zonky.test.postgres:" + p.postgresBinariesArtifactId() + ":jar:" + version).toList());
        for (Platform platform : platforms) {
            // the POM is enough to prove the platform's artifact is published, without fetching 15 MB each
            var descriptor = context.repositorySystem().readArtifactDescriptor(context.repositorySystemSession(),
                    new ArtifactDescriptorRequest(new DefaultArtifact(PostgresBinaries.lockedCoordinateFor(platform)),
                            context.remoteRepositories(), "cdc-lab-test"));
            assertThat(descriptor.getExceptions()).as(platform.toString()).isEmpty();
        }
    }

    @Test
    void resolvingALockGivesItsFilesInOrder() {
        List<String> coordinates = LabRuntime.DEBEZIUM_POSTGRES.lockedCoordinates();
        List<Path> files = RuntimeResolver.files(LabRuntime.DEBEZIUM_POSTGRES, ResolverSettings.from(LabSettings.fromSystemProperties()));

        assertThat(files).hasSameSizeAs(coordinates).allSatisfy(file -> assertThat(file).isRegularFile());
        for (int i = 0; i < files.size(); i++) {
            Artifact artifact = new DefaultArtifact(coordinates.get(i));
            assertThat(files.get(i).getFileName().toString())
                    .startsWith(artifact.getArtifactId() + "-" + artifact.getVersion());
        }
    }

    private static List<String> resolveRoots(RuntimeRoots roots) throws Exception {
        CollectRequest request = new CollectRequest(roots.roots(), roots.managed(), context.remoteRepositories());
        DependencyNode tree = context.repositorySystem()
                .collectDependencies(context.repositorySystemSession(), request).getRoot();
        PreorderNodeListGenerator order = new PreorderNodeListGenerator();
        tree.accept(order);
        Set<String> classpathScopes = Set.of("compile", "runtime");
        List<String> coordinates = new ArrayList<>();
        for (DependencyNode node : order.getNodes()) {
            if (node.getDependency() == null || !classpathScopes.contains(node.getDependency().getScope())
                    || roots.excludedGroups().contains(node.getArtifact().getGroupId())) {
                continue;
            }
            coordinates.add(coordinate(node.getArtifact()));
        }
        return coordinates;
    }

    private static String coordinate(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getExtension()
                + (a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier()) + ":" + a.getVersion();
    }

    private static void writeLock(LabRuntime runtime, List<String> coordinates) throws Exception {
        Path lock = Path.of("src/main/resources").resolve(runtime.lockResource());
        List<String> header = Files.readAllLines(lock).stream().takeWhile(line -> line.startsWith("#")).toList();
        List<String> lines = new ArrayList<>(header);
        lines.addAll(coordinates);
        Files.write(lock, lines);
    }
}
