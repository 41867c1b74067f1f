package io.cdclab.backend.containers;

import io.cdclab.topology.AwsCredentials;
import io.cdclab.topology.LabException;
import io.cdclab.topology.Secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MinIO's user and key management through {@code mc admin} inside the MinIO container: a pipeline user with its
 * own key pair and the {@code readwrite} policy, and revoking that key pair (MinIO then answers its requests with
 * 403 InvalidAccessKeyId, as it does for unknown keys).
 *
 * <p>Secrets never appear in a command's arguments (those show in process lists and in Testcontainers' debug
 * log): the root login goes in {@code MC_HOST_lab}, the new secret key in {@code LAB_SECRET_KEY}, both in the
 * exec's environment, and a shell expands them inside the container.
 */
public final class MinioAdmin {
    static final String ALIAS = "lab";
    static final String POLICY = "readwrite";
    static final String SECRET_KEY_VAR = "LAB_SECRET_KEY";

    /** Runs {@code command} in the container with {@code env} added to the exec's environment. */
    public interface Exec {
        Result run(List<String> command, Map<String, String> env);
    }

    public record Result(long exitCode, String output) {
    }

    private final Exec exec;
    private final String rootUser;
    private final Secret rootPassword;

    public MinioAdmin(Exec exec, String rootUser, Secret rootPassword) {
        this.exec = exec;
        this.rootUser = rootUser;
        this.rootPassword = rootPassword;
    }

    /** Creates a user whose access key id and secret are {@code keys}, allowed to read and write every bucket. */
    public void addUser(AwsCredentials keys) {
        String id = checkedId(keys.accessKeyId());
        Map<String, String> env = rootLogin();
        env.put(SECRET_KEY_VAR, keys.secretAccessKey().reveal());
        run("mc admin user add " + ALIAS + " " + id + " \"$" + SECRET_KEY_VAR + "\"", env);
        run("mc admin policy attach " + ALIAS + " " + POLICY + " --user " + id, rootLogin());
    }

    /** Revokes a key pair: the user stays (for the record) but MinIO no longer accepts its requests. */
    public void disableUser(String accessKeyId) {
        run("mc admin user disable " + ALIAS + " " + checkedId(accessKeyId), rootLogin());
    }

    private void run(String script, Map<String, String> env) {
        Result result = exec.run(List.of("sh", "-c", script), env);
        if (result.exitCode() != 0) {
            // mc's output names the user and the reason; it never echoes a secret key.
            throw new LabException("MinIO refused '" + script + "' (exit " + result.exitCode() + "): "
                    + result.output().strip());
        }
    }

    /** The root login for mc's alias, as mc reads it from the environment (no config file, no argument). */
    private Map<String, String> rootLogin() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MC_HOST_" + ALIAS, "http://" + rootUser + ":" + rootPassword.reveal() + "@127.0.0.1:"
                + MinioS3Container.PORT);
        return env;
    }

    /** An access key id goes into a shell command: letters and digits only (as the lab generates them). */
    private static String checkedId(String accessKeyId) {
        if (!accessKeyId.matches("[A-Za-z0-9]{3,128}")) {
            throw new LabException("MinIO access key id '" + accessKeyId + "' must be 3-128 letters and digits.");
        }
        return accessKeyId;
    }
}
