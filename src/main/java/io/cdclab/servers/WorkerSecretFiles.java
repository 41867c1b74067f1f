package io.cdclab.servers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.endpoints.Secret;
import io.cdclab.errors.LabException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/**
 * Secret files for a Connect worker: its {@code file} config provider's and the AWS SDK's. Written here for the
 * embedded and aws backends' local worker; the containers backend copies {@link #properties} into its container.
 */
public final class WorkerSecretFiles {
    private WorkerSecretFiles() {
    }

    /** Writes {@code values} as a properties file {@code name} in {@code dir}, readable by its owner only. */
    public static Path write(Path dir, String name, Map<String, Secret> values) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new LabException("Secret file name '" + name + "' must be letters, digits, '.', '_' or '-'.");
        }
        return writeAtomically(dir.resolve(name), properties(values));
    }

    /** {@code values} as the text of a properties file, as the worker's {@code file} config provider reads it. */
    public static String properties(Map<String, Secret> values) {
        Properties props = new Properties();
        values.forEach((k, v) -> props.setProperty(k, v.reveal()));
        StringWriter text = new StringWriter();
        try {
            props.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** Writes {@code credentials} as profile {@code default} of an AWS shared credentials file. */
    public static Path writeSharedCredentials(Path file, AwsCredentials credentials) {
        return writeAtomically(file, credentials.sharedCredentialsProfile());
    }

    /** Written next to the target (owner-only) and moved in one step: a reader never sees half a file. */
    private static Path writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException("Cannot write the worker's secret file " + file + ": " + e.getMessage(), e);
        }
        return file.toAbsolutePath();
    }
}
