package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.servers.LocalServices;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.StartupTimes;
import io.cdclab.topology.Topology;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Starts a topology whose lake is Glue + S3: the one code path of the aws backend (real AWS) and of the embedded
 * backend's Glue lake (the emulator). Callers differ only in {@link AwsApis#endpoint()}, in who the lab's JVM reads
 * as, and in where the worker's session comes from; the catalog, the worker's credential model (AWS_* variables,
 * no keys in the sink config), the pre-flight checks and the clean-up are the same.
 */
public final class GlueLakeTopology {
    private static final Logger LOG = LoggerFactory.getLogger(GlueLakeTopology.class);

    private GlueLakeTopology() {
    }

    /** What differs between real AWS and the emulator. */
    public record Account(String backend, AwsApis apis, Optional<AwsCredentials> labJvmCredentials,
                   AwsCredentials labCredentials, AwsCredentials workerCredentials,
                   Optional<MotoServer> emulator, Optional<EmulatedAccount> emulated,
                   Map<String, String> extraCatalogProperties) {
    }

    /** {@code -Dlab.aws.catalog.<key>=<value>}: Iceberg catalog properties passed through, e.g. s3.sse.type, glue.id. */
    static final String CATALOG_PASS_THROUGH = LabSettings.AWS_CATALOG_PREFIX;

    public static Map<String, String> passThrough(LabSettings settings) {
        Map<String, String> extra = new TreeMap<>();
        settings.startingWith(CATALOG_PASS_THROUGH).forEach((k, v) -> {
            if (k.startsWith(CATALOG_PASS_THROUGH) && !v.isBlank()) {
                extra.put(k.substring(CATALOG_PASS_THROUGH.length()), v.trim());
            }
        });
        return extra;
    }

    public static RunningTopology start(Topology topology, AwsSettings settings, Account account, Path runDir,
                                 StartupTimes times) {
        RuntimeLayout layout = RuntimeLayout.locate(topology.labSettings());
        LakePreflight.check(account.apis(), settings);
        LOG.info("{}: starting {} with the lake at {} (Glue{}, region {}, worker key {})", account.backend(), topology,
                settings.warehouse(), account.apis().endpoint().map(e -> " at " + e).orElse(""), settings.region(),
                account.workerCredentials().accessKeyId());
        var catalog = GlueLake.catalogSpec(topology.catalogName(), settings, account.apis().endpoint(),
                account.labJvmCredentials()).withProperties(account.extraCatalogProperties());
        GlueCatalog glue = GlueLake.openCatalog(catalog);
        try (var s3 = account.apis().s3()) {
            StaleRuns.clear(glue, s3, settings, LocalDateTime.now(), account.apis().endpoint().isEmpty());
        } catch (LabException e) {
            account.emulator().ifPresent(MotoServer::stop);
            throw e;
        }
        CatalogLeftovers leftovers = CatalogLeftovers.before(glue, settings.warehouse());

        Secret pipelinePassword = Secret.random(12);
        LocalServices local;
        try {
            local = LocalServices.start(layout, runDir, topology.kafkaPartitions(), topology.sourceDatabase(),
                    pipelinePassword, account.workerCredentials().environment(settings.region()), times);
        } catch (LabException e) {
            account.emulator().ifPresent(MotoServer::stop);
            throw e;
        }
        var ready = times.withTotal();
        LOG.info("{}: topology ready in {} ms ({})", account.backend(), ready.get("total").toMillis(), ready);
        return new AwsTopology(topology, settings, account, catalog, local, pipelinePassword, ready, runDir,
                new AwsCleanup(settings, account.apis(), glue, leftovers));
    }
}
