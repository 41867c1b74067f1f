package io.cdclab.gluelake;

import io.cdclab.connect.ConnectClient;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.ObjectStore;
import io.cdclab.endpoints.PostgresRoles;
import io.cdclab.endpoints.Secret;
import io.cdclab.endpoints.SourceDatabase;
import io.cdclab.servers.LocalServices;
import io.cdclab.topology.AbstractRunningTopology;
import io.cdclab.topology.Faults;
import io.cdclab.topology.Service;
import io.cdclab.topology.Topology;
import io.cdclab.util.Ports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The aws backend's running topology: local PostgreSQL, Kafka and Connect; the lake in S3 and Glue. */
public final class AwsTopology extends AbstractRunningTopology implements GlueLakeAccess {
    private final AwsSettings settings;
    private final GlueLakeTopology.Account account;
    private final CatalogSpec catalog;
    private final LocalServices local;
    private final SourceDatabase source;
    private final Path runDir;
    private final AwsCleanup cleanup;
    private final AwsFaults faults;

    AwsTopology(Topology topology, AwsSettings settings, GlueLakeTopology.Account account, CatalogSpec catalog,
                LocalServices local, Secret pipelinePassword, Map<String, Duration> startupTimes, Path runDir,
                AwsCleanup cleanup) {
        super(account.backend(), topology, startupTimes);
        this.settings = settings;
        this.account = account;
        this.catalog = catalog;
        this.local = local;
        this.source = new SourceDatabase(Ports.LOOPBACK, local.postgres.port(), topology.sourceDatabase(),
                PostgresRoles.PIPELINE_ROLE, pipelinePassword);
        this.runDir = runDir;
        this.cleanup = cleanup;
        this.faults = new AwsFaults(this, local, settings.region(), account.emulated());
        rememberSecrets(pipelinePassword);
        rememberEnvironmentSecrets(account.labCredentials().environment(settings.region()));
        rememberEnvironmentSecrets(account.workerCredentials().environment(settings.region()));
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public SourceDatabase source() {
        return source;
    }

    @Override
    public String kafkaBootstrapServers() {
        return local.kafka.bootstrapServers();
    }

    @Override
    public ConnectClient connect() {
        return local.connect.client();
    }

    @Override
    public ObjectStore objectStore() {
        return new ObjectStore(account.apis().endpoint(), settings.region(), settings.bucket(), settings.runPrefix(),
                account.labCredentials());
    }

    @Override
    public CatalogSpec catalog() {
        return catalog;
    }

    @Override
    public Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>(local.asMap());
        account.emulator().ifPresent(moto -> services.put(moto.name(), moto));
        return services;
    }

    @Override
    public Optional<EmulatedAccount> emulatedAccount() {
        return account.emulated();
    }

    @Override
    public AwsSettings settings() {
        return settings;
    }

    @Override
    public AwsApis apis() {
        return account.apis();
    }

    @Override
    public Optional<Path> logDirectory() {
        return Optional.of(runDir.resolve("logs"));
    }

    @Override
    protected Map<String, String> moreEndpoints() {
        Map<String, String> more = new LinkedHashMap<>();
        account.emulator().ifPresent(moto -> more.put("AWS emulator (Glue, S3, STS, IAM)", moto.endpoint() + " (moto_server)"));
        account.emulated().ifPresent(a -> more.put("Sink role", a.sinkRoleSummary()));
        more.put("Clean-up", settings.keep() ? "kept (-Dlab.keep=true)"
                : "the run's Glue tables and S3 prefix are removed at close");
        return more;
    }

    @Override
    public List<String> workerSecretVariables() {
        return List.of(LocalServices.POSTGRES_PASSWORD_VAR, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "AWS_SESSION_TOKEN");
    }

    @Override
    protected void shutDown() {
        local.stop();
        cleanup.run();
        account.emulator().ifPresent(MotoServer::stop);
    }
}
