package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.junit.RunSettings;
import io.cdclab.settings.LabSettings;
import io.cdclab.util.Directories;
import io.cdclab.util.Ports;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One moto_server per test class, with the emulated account the Glue lake tests work in (bucket {@code lake} in
 * {@code us-east-1}, the sink role under {@link SinkPolicy#minimal()}). A class declares
 * {@code @ExtendWith(MotoExtension.class)} and takes an {@link Emulator} (the server, its settings and account) as a
 * constructor or test method parameter. Where moto_server is absent the class is skipped, the
 * reason naming the install command. The server stops at the class's end, also when a test fails.
 */
final class MotoExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return MotoServer.locate(RunSettings.of(context)).isPresent() ? ConditionEvaluationResult.enabled("moto_server found")
                : ConditionEvaluationResult.disabled("moto_server is not on PATH; " + MotoServer.INSTALL_HINT);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        context.getStore(NAMESPACE).put(Emulator.class, Emulator.start(RunSettings.of(context)));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Emulator.class, Emulator.class);
    }

    /** The running server, its account, and the folder of its log; the class store closes it. */
    record Emulator(MotoServer moto, AwsSettings settings, EmulatedAccount account, Path logDir)
            implements AutoCloseable {
        static Emulator start(LabSettings labSettings) throws IOException {
            Path logDir = Files.createTempDirectory("cdc-lab-moto");
            MotoServer moto = new MotoServer(MotoServer.require(labSettings), Ports.free(), logDir.resolve("moto.log"));
            moto.start();
            try {
                AwsSettings settings = AwsSettings.emulated("lake", "us-east-1", false);
                return new Emulator(moto, settings, EmulatedAccount.provision(moto, settings, SinkPolicy.minimal()),
                        logDir);
            } catch (RuntimeException e) {
                moto.stop();
                throw e;
            }
        }

        /** The lake's catalog as the sink would open it, signing as {@code as}, or by the default chain when empty. */
        CatalogSpec catalogSpec(Optional<AwsCredentials> as) {
            return GlueLake.catalogSpec(settings.bucket(), settings, account.admin().endpoint(), as);
        }

        GlueCatalog openCatalog(AwsCredentials as) {
            return GlueLake.openCatalog(catalogSpec(Optional.of(as)));
        }

        @Override
        public void close() throws IOException {
            moto.stop();
            Directories.deleteTree(logDir);
        }
    }
}
