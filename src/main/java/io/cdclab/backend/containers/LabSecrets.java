package io.cdclab.backend.containers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.topology.LakeKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The secrets one containers topology is started with, all fresh and random: PostgreSQL's superuser (set-up only),
 * the pipeline's and the catalog's database passwords and the pipeline's key pair for the object store.
 */
public record LabSecrets(Secret superuserPassword, Secret pipelinePassword, Secret catalogPassword,
                         AwsCredentials s3Credentials) {
    public static final String POSTGRES_PASSWORD_VAR = "CDC_LAB_POSTGRES_PASSWORD";
    public static final String CATALOG_PASSWORD_VAR = "CDC_LAB_CATALOG_PASSWORD";

    public static LabSecrets generate() {
        return new LabSecrets(Secret.random(12), Secret.random(12), Secret.random(12), AwsCredentials.generate());
    }

    /**
     * What the Connect worker's environment holds from these secrets, by variable name (the same names as the
     * embedded worker's). A Glue lake's worker has no catalog password and no key pair of the store: it gets an
     * STS session of the sink's role instead, once the emulated account has issued one ({@link MotoGlueLake}).
     */
    public Map<String, String> workerEnvironment(LakeKind lake, String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(POSTGRES_PASSWORD_VAR, pipelinePassword.reveal());
        if (lake == LakeKind.JDBC) {
            env.put(CATALOG_PASSWORD_VAR, catalogPassword.reveal());
            env.putAll(s3Credentials.environment(region));
        }
        return env;
    }

    /**
     * The secrets here that a lake of this kind hands to a server, for
     * {@link io.cdclab.topology.RunningTopology#secretsInUse()}; the catalog role exists in PostgreSQL either way.
     */
    public List<Secret> all(LakeKind lake) {
        return lake == LakeKind.JDBC
                ? List.of(superuserPassword, pipelinePassword, catalogPassword, s3Credentials.secretAccessKey())
                : List.of(superuserPassword, pipelinePassword, catalogPassword);
    }

    public static List<String> workerSecretVariables(LakeKind lake) {
        return lake == LakeKind.JDBC
                ? List.of(POSTGRES_PASSWORD_VAR, CATALOG_PASSWORD_VAR, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
                : List.of(POSTGRES_PASSWORD_VAR, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");
    }

    @Override
    public String toString() {
        return "LabSecrets[******, s3=" + s3Credentials + "]";
    }
}
