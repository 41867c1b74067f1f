package io.cdclab.bench;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks use the lab as a team would: topologies start through {@code Topology.builder()...start(backend)}
 * with the backend from the lab's registry ({@code io.cdclab.backend.Backends}), never by constructing a backend or a
 * server themselves, so what they measure is the lab's public path.
 */
class BenchLayeringTest {

    @Test
    void theBenchmarks_reachBackendsAndServersOnlyThroughTheRegistry() {
        JavaClasses bench = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cdclab.bench");
        assertThat(bench).as("the benchmarks' classes").isNotEmpty();
        noClasses().that().resideInAPackage("io.cdclab.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cdclab.backend.*..", "io.cdclab.servers..",
                        "io.cdclab.gluelake..", "io.cdclab.process..", "io.cdclab.runtime..")
                .because("a benchmark starts its topology with Topology...start(backend), the backend from "
                        + "io.cdclab.backend.Backends (BenchBackend), as a team's code does")
                .check(bench);
    }
}
