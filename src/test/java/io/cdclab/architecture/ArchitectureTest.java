package io.cdclab.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The lab's floors, top to bottom (ARCHITECTURE.md draws them): a package may use the floors below its own, never
 * one above and never a neighbour on its own floor. Checked on the compiled main classes, so a new import that runs
 * upward fails the build with the class and the line that added it.
 */
class ArchitectureTest {

    /** Top to bottom; packages on one floor do not use each other. */
    static final List<List<String>> FLOORS = List.of(
            List.of("cli"),                     // entry point: the main job (the benchmarks: bench/pom.xml)
            List.of("junit"),                   // @CdcLab
            List.of("check", "faults"),         // what scenarios and teams run against a pipeline
            List.of("backend"),                 // where a topology runs, and the registry that picks one
            List.of("gluelake"),                // Glue + S3 + STS, on AWS or the emulator
            List.of("servers", "verify"),       // local servers; reading what landed
            List.of("topology"),                // Topology, RunningTopology, Backend: the model and the SPI
            List.of("lake", "report"),          // Spark SQL over the catalog; the HTML report
            List.of("pipeline"),                // a source + sink pair, SQL scripts
            List.of("profiles"),                // settings profiles
            List.of("connect"),                 // Connect REST, connector configs
            List.of("endpoints"),               // how each part is reached: database, catalog, store, secrets
            List.of("runtime", "process"),      // Maven-resolved runtimes; child processes
            List.of("util", "partitioner"),
            List.of("settings"),                // LabSettings: the -Dlab.* settings, read once at an entry point
            List.of("errors"));

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cdclab");
    }

    @Test
    void noPackageUsesOneAboveIt_orANeighbourOnItsFloor() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> floor : FLOORS) {
            for (String pkg : floor) {
                layers = layers.layer(pkg).definedBy("io.cdclab." + pkg + "..");
            }
        }
        List<String> above = new ArrayList<>();
        for (List<String> floor : FLOORS) {
            for (String pkg : floor) {
                layers = above.isEmpty() ? layers.whereLayer(pkg).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(pkg).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
            above.addAll(floor);
        }
        layers.check(classes);
    }

    @Test
    void noPackageCycle_atAnyDepth() {
        slices().matching("io.cdclab.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void backendsDoNotUseEachOther() {
        slices().matching("io.cdclab.backend.(*)..").should().notDependOnEachOther().check(classes);
    }
}
