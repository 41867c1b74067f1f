package io.cdclab.runtime;

import io.cdclab.errors.LabException;
import io.cdclab.partitioner.TenantPartitioner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * The lab's {@link TenantPartitioner} as a jar of its own, for the Debezium plugin folder: a source task's producer
 * loads {@code producer.override.partitioner.class} through the connector's plugin class loader, so the class must
 * sit beside Debezium, not on the worker's classpath. Written from the lab's own classes, so it always matches the
 * lab that reads events by its rule.
 */
public final class PartitionerJar {
    public static final String FILE_PREFIX = "cdc-lab-partitioner-";
    private static final Class<?>[] CLASSES = {TenantPartitioner.class};

    private PartitionerJar() {
    }

    /** The jar in {@code dir}, written if absent; its name carries a hash of the classes it holds. */
    public static Path writeIn(Path dir) {
        try {
            byte[][] classes = new byte[CLASSES.length][];
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < CLASSES.length; i++) {
                classes[i] = classBytes(CLASSES[i]);
                digest.update(classes[i]);
            }
            Path jar = dir.resolve(FILE_PREFIX + HexFormat.of().formatHex(digest.digest(), 0, 6) + ".jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            Files.createDirectories(dir);
            Path aside = Files.createTempFile(dir, FILE_PREFIX, ".tmp");
            try (OutputStream out = Files.newOutputStream(aside);
                 JarOutputStream jarOut = new JarOutputStream(out, manifest())) {
                for (int i = 0; i < CLASSES.length; i++) {
                    jarOut.putNextEntry(new JarEntry(CLASSES[i].getName().replace('.', '/') + ".class"));
                    jarOut.write(classes[i]);
                    jarOut.closeEntry();
                }
            }
            Files.move(aside, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LabException("Cannot write the lab's partitioner jar in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] classBytes(Class<?> type) throws IOException {
        String resource = type.getSimpleName() + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no class file " + resource + " beside " + type.getName());
            }
            return in.readAllBytes();
        }
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_TITLE, "cdc-lab partitioner");
        return manifest;
    }
}
