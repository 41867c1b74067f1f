package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * One file of an image's build context: a file on disk (a runtime's jar in the local Maven repository) or bytes
 * (a script from the lab's resources), with its mode.
 */
record ContextFile(Path path, byte[] content, int mode) {

    static ContextFile of(Path path) {
        return new ContextFile(path, null, 0644);
    }

    /** A file on disk, executable in the image when it is executable here (an interpreter, a library). */
    static ContextFile keepingMode(Path path) {
        return new ContextFile(path, null, Files.isExecutable(path) ? 0755 : 0644);
    }

    static ContextFile of(byte[] content, int mode) {
        return new ContextFile(null, content, mode);
    }

    /** Feeds the mode and the content into {@code digest}: the image's tag changes when a byte does. */
    void hashInto(MessageDigest digest) {
        digest.update(Integer.toOctalString(mode).getBytes(StandardCharsets.US_ASCII));
        if (content != null) {
            digest.update(content);
            return;
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new LabException("Cannot read " + path + " for an image build: " + e.getMessage(), e);
        }
    }

    Transferable transferable() {
        return content != null ? Transferable.of(content, mode) : MountableFile.forHostPath(path, mode);
    }
}
