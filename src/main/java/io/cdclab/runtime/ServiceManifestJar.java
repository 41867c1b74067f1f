package io.cdclab.runtime;

import io.cdclab.errors.LabException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar holding one {@code META-INF/services} file and nothing else, for a plugin folder whose jars do not declare
 * their plugins: the worker runs with {@code plugin.discovery=service_load}, so an undeclared converter would not
 * be found (Apicurio's converter 2.6 declares none).
 */
public final class ServiceManifestJar {
    private ServiceManifestJar() {
    }

    /** The jar in {@code dir}, written if absent; its name carries a hash of what it declares. */
    public static Path writeIn(Path dir, String service, String... implementations) {
        byte[] content = (String.join("\n", implementations) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(service.getBytes(StandardCharsets.UTF_8));
            digest.update(content);
            Path jar = dir.resolve("cdc-lab-services-" + HexFormat.of().formatHex(digest.digest(), 0, 6) + ".jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            Files.createDirectories(dir);
            Path aside = Files.createTempFile(dir, "cdc-lab-services-", ".tmp");
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (OutputStream out = Files.newOutputStream(aside); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
                jarOut.putNextEntry(new JarEntry("META-INF/services/" + service));
                jarOut.write(content);
                jarOut.closeEntry();
            }
            Files.move(aside, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LabException("Cannot write a service manifest jar in " + dir + ": " + e.getMessage(), e);
        }
    }
}
