package io.cdclab.junit;

import io.cdclab.backend.Backends;
import io.cdclab.backend.containers.ContainersBackend;
import io.cdclab.backend.containers.images.BuiltImages;
import io.cdclab.backend.containers.images.ImageSource;
import io.cdclab.gluelake.MotoServer;
import io.cdclab.profiles.SettingsProfile;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.Backend;
import io.cdclab.topology.LakeKind;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.cdclab.report.LabReport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts one topology per test class (see {@link CdcLab}) and closes it when the class is done: the class-level
 * store closes {@link AutoCloseable} values, also when tests fail. {@link CdcLab#shared() Shared} classes of the
 * same settings hand one topology on instead ({@link SharedTopology}).
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver, ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (whyTheClassCannotRun(context.getRequiredTestClass(), RunSettings.of(context)).isEmpty()) {
            topology(context);
        }
    }

    /**
     * Each test of a class whose lake or Connect cluster cannot run here is reported skipped with the reason (a
     * class-level assumption would be reported as a class with no tests at all, which reads as a pass).
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided per test");
        }
        return whyTheClassCannotRun(context.getRequiredTestClass(), RunSettings.of(context))
                .map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("the lake and the Connect cluster can run here"));
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
        LabSettings run = RunSettings.of(context);
        SharedTopology shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedTopology.class, key -> new SharedTopology(), SharedTopology.class);
        if (settings != null && settings.shared()) {
            // Borrowed, not owned: the class store would close an AutoCloseable at the class's end.
            return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Borrowed.class,
                    key -> new Borrowed(shared.takeOver(testClass, settings, () -> start(testClass, settings, run))),
                    Borrowed.class).lab();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(RunningTopology.class, key -> {
            shared.stopBefore(testClass);
            return start(testClass, settings, run);
        }, RunningTopology.class);
    }

    /** A shared topology as one class holds it: the run's root store closes it, not the class's. */
    private record Borrowed(RunningTopology lab) {
    }

    private static RunningTopology start(Class<?> testClass, CdcLab settings, LabSettings run) {
        Topology topology = Topology.builder()
                .labSettings(run)
                .kafkaPartitions(settings == null ? 6 : settings.kafkaPartitions())
                .sinkCommitInterval(Duration.ofMillis(settings == null ? 1000 : settings.sinkCommitIntervalMs()))
                .lake(settings == null ? LakeKind.CONFIGURED : settings.lake())
                .connectWorkers(settings == null ? 1 : settings.connectWorkers())
                .profile(settings == null ? SettingsProfile.CONFIGURED : settings.profile())
                .exactlyOnce(settings != null && settings.exactlyOnce())
                .build();
        RunningTopology lab = topology.start(Backends.from(run));
        recordStartup(testClass, lab);
        return lab;
    }

    static Optional<String> whyTheClassCannotRun(Class<?> testClass, LabSettings run) {
        return whyTheLakeCannotRun(testClass, run).or(() -> whyTheClusterCannotRun(testClass, run));
    }

    /**
     * A Connect cluster of several workers (F9, S1) runs on the embedded backend only; on the containers backend
     * the class is reported skipped with the reason instead of failing at start. (The aws and external backends
     * build their backend from credentials or login files: they keep failing at start with the same reason.)
     */
    static Optional<String> whyTheClusterCannotRun(Class<?> testClass, LabSettings run) {
        CdcLab settings = testClass.getAnnotation(CdcLab.class);
        int workers = settings == null ? 1 : settings.connectWorkers();
        if (workers <= 1 || !Backends.name(run).equals("containers")) {
            return Optional.empty();
        }
        Backend containers = new ContainersBackend();
        if (workers <= containers.maxConnectWorkers()) {
            return Optional.empty();
        }
        return Optional.of("A Connect cluster of " + workers + " workers skipped on the containers backend: "
                + containers.whyOneConnectWorker() + " It runs on -Dlab.backend=embedded.");
    }

    /**
     * A Glue lake runs on the aws backend, on the containers backend with public images (the moto container) or
     * built ones where moto_server is installed (its image is built from that installation), and on the embedded
     * backend where moto_server is installed; elsewhere, why not and what to do.
     */
    static Optional<String> whyTheLakeCannotRun(Class<?> testClass, LabSettings run) {
        CdcLab settings = testClass.getAnnotation(CdcLab.class);
        LakeKind lake = (settings == null ? LakeKind.CONFIGURED : settings.lake()).resolve(run);
        if (lake != LakeKind.GLUE) {
            return Optional.empty();
        }
        String backend = Backends.name(run);
        if (backend.equals("embedded") && MotoServer.locate(run).isEmpty()) {
            return Optional.of("Glue lake skipped: the AWS emulator moto_server is not on PATH; "
                    + MotoServer.INSTALL_HINT);
        }
        if (backend.equals("containers") && ImageSource.from(run) == ImageSource.BUILT
                && BuiltImages.whyNoMoto(run).isPresent()) {
            return Optional.of("Glue lake skipped on the containers backend with -D" + ImageSource.PROPERTY
                    + "=built: " + BuiltImages.NO_MOTO);
        }
        return Optional.empty();
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
