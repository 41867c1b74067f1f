package io.cdclab.backend.embedded;

import io.cdclab.topology.LabException;
import io.cdclab.topology.Secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;

/** Secret files for a local Connect worker's {@code file} config provider (embedded and aws backends). */
public final class WorkerSecretFiles {
    private WorkerSecretFiles() {
    }

    /** Writes {@code values} as a properties file {@code name} in {@code dir}, readable by its owner only. */
    public static Path write(Path dir, String name, Map<String, Secret> values) {
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new LabException("Secret file name '" + name + "' must be letters, digits, '.', '_' or '-'.");
        }
        Path file = dir.resolve(name);
        Properties props = new Properties();
        values.forEach((k, v) -> props.setProperty(k, v.reveal()));
        try {
            Files.createDirectories(dir);
            // Written next to the target and moved in one step: the provider never reads half a file.
            Path tmp = Files.createTempFile(dir, name, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var out = Files.newOutputStream(tmp)) {
                props.store(out, null);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException("Cannot write the worker's secret file " + file + ": " + e.getMessage(), e);
        }
        return file.toAbsolutePath();
    }
}
