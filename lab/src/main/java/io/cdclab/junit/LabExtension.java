package io.cdclab.junit;

import io.cdclab.backend.aws.MotoServer;
import io.cdclab.topology.Backend;
import io.cdclab.topology.Backends;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.RunningTopology;
import org.junit.jupiter.api.Assumptions;
import io.cdclab.topology.Topology;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.cdclab.report.LabReport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts one topology per test class (see {@link CdcLab}) and closes it when the class is done: the class-level
 * store closes {@link AutoCloseable} values, also when tests fail.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        topology(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningTopology.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return topology(context);
    }

    private static RunningTopology topology(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        // The class's own context owns the topology, so nested method contexts find the same one.
        ExtensionContext classContext = context;
        while (classContext.getParent().isPresent() && classContext.getTestClass().isPresent()
                && classContext.getParent().get().getTestClass().isPresent()) {
            classContext = classContext.getParent().get();
        }
        CdcLab settings = testClass.getAnnotation(CdcLab.class);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(RunningTopology.class, key -> {
            Topology topology = Topology.builder()
                    .kafkaPartitions(settings == null ? 6 : settings.kafkaPartitions())
                    .sinkCommitInterval(Duration.ofMillis(settings == null ? 1000 : settings.sinkCommitIntervalMs()))
                    .lake(settings == null ? LakeKind.CONFIGURED : settings.lake())
                    .build();
            Backend backend = Backends.fromSystemProperties();
            skipWhereTheLakeCannotRun(topology, backend);
            RunningTopology lab = topology.start(backend);
            recordStartup(testClass, lab);
            return lab;
        }, RunningTopology.class);
    }

    /**
     * A Glue lake runs on the aws backend, on the containers backend (the moto container), and on the embedded
     * backend where the AWS emulator is installed; without it the class is reported skipped with the reason.
     */
    private static void skipWhereTheLakeCannotRun(Topology topology, Backend backend) {
        if (topology.lake() == LakeKind.GLUE && backend.name().equals("embedded")) {
            Assumptions.assumeTrue(MotoServer.locate().isPresent(), () -> "Glue lake skipped: the AWS emulator "
                    + "moto_server is not on PATH; " + MotoServer.INSTALL_HINT);
        }
    }

    /** Each test class's topology start-up, on the report's "runs" page: what a test run spends waiting. */
    private static void recordStartup(Class<?> testClass, RunningTopology lab) {
        Map<String, Long> millis = new LinkedHashMap<>();
        lab.startupTimes().forEach((service, took) -> millis.put(service, took.toMillis()));
        LabReport.page("runs", "Test runs: topology start-up per test class")
                .section(testClass.getSimpleName() + " (" + lab.backend() + " backend)")
                .barChart("Milliseconds until ready (services start in parallel; total is wall-clock)", millis)
                .write();
    }
}
