package io.cdclab.backend.containers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.Secret;
import io.cdclab.gluelake.AwsSettings;
import io.cdclab.gluelake.EmulatedAccount;
import io.cdclab.gluelake.GlueLake;
import io.cdclab.gluelake.SinkPolicy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The containers backend's Glue lake: the moto container as the AWS account, set up through its host port by the
 * same {@link EmulatedAccount} as the embedded backend's moto_server, and the Connect container holding an STS
 * session of the sink's role in its AWS_* variables, as the seed's docker-compose passes it. The catalog is
 * {@link GlueLake#catalogSpec}'s emulator catalog; only the worker reaches moto at another address.
 *
 * @param hostEndpoint    moto as the lab's JVM reaches it (Spark, the account's set-up, the scenarios' checks)
 * @param networkEndpoint moto as the Connect container reaches it (the network alias)
 * @param workerSession   the session the worker was created with
 */
record MotoGlueLake(AwsSettings settings, EmulatedAccount account, AwsCredentials workerSession, URI hostEndpoint,
                    URI networkEndpoint) {

    /**
     * Provisions the account on a moto that has answered no AWS request yet and puts the sink's first session in
     * {@code worker}'s environment, which must not have been created yet (Docker fixes a container's environment
     * when it creates it).
     */
    static MotoGlueLake provision(URI hostEndpoint, URI networkEndpoint, AwsSettings settings, ConnectContainer worker) {
        if (worker.getContainerId() != null) {
            throw new IllegalStateException("The Connect container already exists: the Glue lake's session must be in "
                    + "its environment before it is created");
        }
        EmulatedAccount account = EmulatedAccount.provision(hostEndpoint, settings, SinkPolicy.minimal());
        AwsCredentials session = account.issueSinkSession();
        worker.withSecretEnvironment(session.environment(settings.region()));
        return new MotoGlueLake(settings, account, session, hostEndpoint, networkEndpoint);
    }

    CatalogSpec catalog(String catalogName) {
        return catalog(catalogName, settings, hostEndpoint, networkEndpoint, account.adminCredentials());
    }

    /**
     * Spark (the lab's JVM) gets moto's host port and reads as the account's admin user; the sink gets the network
     * alias and no keys (its AWS_* session, through the default chain).
     */
    static CatalogSpec catalog(String catalogName, AwsSettings settings, URI hostEndpoint, URI networkEndpoint,
                               AwsCredentials labJvmCredentials) {
        return GlueLake.catalogSpec(catalogName, settings, Optional.of(hostEndpoint), Optional.of(labJvmCredentials))
                .withConnectWorkerOverrides(Map.of("glue.endpoint", networkEndpoint.toString(),
                        "s3.endpoint", networkEndpoint.toString(), "dynamodb.endpoint", networkEndpoint.toString()));
    }

    /** The secrets of the account in use: the admin user's key (the lab's Spark) and the worker's session. */
    List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(account.adminCredentials().secretAccessKey());
        secrets.add(workerSession.secretAccessKey());
        workerSession.sessionToken().ifPresent(secrets::add);
        return secrets;
    }
}
