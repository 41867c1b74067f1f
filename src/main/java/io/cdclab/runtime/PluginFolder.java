package io.cdclab.runtime;

import io.cdclab.errors.LabException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Connect {@code plugin.path} entry holding one plugin: {@code <entry>/<plugin>/} with the plugin's jars. (An
 * entry that held jars directly would make each jar a plugin of its own, in its own class loader.)
 *
 * <p>The jars stay in the local Maven repository; the folder holds hard links to them (copies where the
 * repository is on another file system), so it costs nothing to build and is real files to Connect and to a
 * container copy alike. Folders are named after a hash of their content and built once: a folder of the same
 * name is complete, since it is built aside and moved into place.
 */
public final class PluginFolder {
    private PluginFolder() {
    }

    /** The plugin.path entry under {@code root} for {@code plugin} made of {@code jars}. */
    public static Path assemble(Path root, String plugin, List<Path> jars) {
        Path entry = root.resolve(plugin + "-" + fingerprint(jars));
        if (Files.isDirectory(entry)) {
            return entry;
        }
        try {
            Files.createDirectories(root);
            Path aside = Files.createTempDirectory(root, plugin + "-building-");
            Path folder = Files.createDirectories(aside.resolve(plugin));
            for (Path jar : jars) {
                link(jar, folder.resolve(jar.getFileName()));
            }
            try {
                Files.move(aside, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                deleteTree(aside); // another JVM built the same folder meanwhile
            }
            return entry;
        } catch (IOException e) {
            throw new LabException("Cannot build the Connect plugin folder " + entry + ": " + e.getMessage(), e);
        }
    }

    private static void link(Path jar, Path target) throws IOException {
        try {
            Files.createLink(target, jar);
        } catch (IOException | UnsupportedOperationException differentFileSystem) {
            Files.copy(jar, target);
        }
    }

    private static String fingerprint(List<Path> jars) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path jar : jars) {
                digest.update(jar.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Long.toString(Files.size(jar)).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new LabException("Cannot fingerprint the plugin jars: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
