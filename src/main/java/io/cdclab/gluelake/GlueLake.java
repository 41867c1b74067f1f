package io.cdclab.gluelake;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.CatalogSpec;
import io.cdclab.endpoints.Secret;
import org.apache.iceberg.aws.glue.GlueCatalog;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Glue lake's Iceberg catalog, for real AWS and for the emulator alike: GlueCatalog for metadata, S3FileIO for
 * files, the run's prefix as warehouse, credentials from the default chain (the sink config holds no keys). The two
 * differ only in what {@code endpoint} and {@code labJvmCredentials} add.
 */
public final class GlueLake {
    private GlueLake() {
    }

    /**
     * @param endpoint          the emulator's address (Glue and S3 at one port), empty for real AWS
     * @param labJvmCredentials who the lab's own Spark reads as, where that is not the default chain (emulator)
     */
    public static CatalogSpec catalogSpec(String catalogName, AwsSettings settings, Optional<URI> endpoint,
                                          Optional<AwsCredentials> labJvmCredentials) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
        props.put("warehouse", settings.warehouse());
        props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        props.put("client.region", settings.region());
        endpoint.ifPresent(e -> {
            props.put("glue.endpoint", e.toString());
            props.put("s3.endpoint", e.toString());
            props.put("s3.path-style-access", "true");
            props.putAll(EmulatorCommitLock.catalogProperties(e)); // moto's Glue does not enforce VersionId
        });
        CatalogSpec spec = new CatalogSpec(catalogName, props, Map.of());
        if (labJvmCredentials.isEmpty()) {
            return spec;
        }
        AwsCredentials c = labJvmCredentials.get();
        String prefix = "client.credentials-provider.";
        Map<String, Secret> lab = new LinkedHashMap<>();
        lab.put("client.credentials-provider", Secret.of(LabJvmCredentialsProvider.class.getName()));
        lab.put(prefix + LabJvmCredentialsProvider.ACCESS_KEY_ID, Secret.of(c.accessKeyId()));
        lab.put(prefix + LabJvmCredentialsProvider.SECRET_ACCESS_KEY, c.secretAccessKey());
        c.sessionToken().ifPresent(t -> lab.put(prefix + LabJvmCredentialsProvider.SESSION_TOKEN, t));
        return spec.withLabJvmSecrets(lab);
    }

    /**
     * Why a Glue lake has no {@code EXPIRE_OBJECT_STORE_CREDENTIALS} (F1/F2): the worker holds STS sessions of a
     * role, not a key pair of the store that a restart could replace; sessions are what G2/G3 revoke.
     */
    public static String whyNoKeyRevocation(String backend, boolean emulated) {
        return "the " + backend + " backend's Glue lake cannot revoke a key pair by replacing the store's identity; "
                + "its credential scenarios are G2/G3 (STS sessions"
                + (emulated ? ", revoked on the emulator)" : ", the opt-in real-STS run)");
    }

    /** The same catalog in the lab's JVM, for checks and the clean-up. */
    static GlueCatalog openCatalog(CatalogSpec spec) {
        Map<String, String> props = new LinkedHashMap<>(spec.properties());
        spec.labJvmSecrets().forEach((k, v) -> props.put(k, v.reveal()));
        GlueCatalog glue = new GlueCatalog();
        glue.initialize(spec.name(), props);
        return glue;
    }
}
