package io.cdclab.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An AppCDS archive (JDK 17 dynamic archive) for one kind of child JVM: the classes a Kafka broker or Connect
 * worker loaded last time, mapped from a file instead of read, verified and parsed from jars again. The first
 * start of a kind records its classes at exit ({@code -XX:ArchiveClassesAtExit}); later starts map the archive
 * ({@code -XX:SharedArchiveFile}).
 *
 * <p>Robustness: the file name carries a hash of the JDK, the JVM options and every classpath jar's path, size
 * and time stamp, so a changed classpath gets an archive of its own instead of one the JVM would reject. The JVM
 * writes the archive to a temporary file, which is published (atomic rename) only after the JVM exited by
 * itself: a half-written archive crashes the JVM that maps it (SIGBUS), so a killed dump is thrown away.
 * A missing archive file is silently ignored by the JVM, a mismatched one with a warning. {@code -Dlab.cds=false}
 * turns it off ({@link JvmProcess} then asks for none).
 */
final class ClassDataArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    private static final Duration ABANDONED_DUMP_AGE = Duration.ofHours(1);

    private final Path archive;
    private final String kind;
    private Path pendingDump;

    private ClassDataArchive(Path archive, String kind) {
        this.archive = archive;
        this.kind = kind;
    }

    /** The archive of {@code kind} started with these options and this classpath. */
    static ClassDataArchive forJvm(Path dir, String kind, List<String> jvmArgs, List<String> classpath) {
        return new ClassDataArchive(dir.resolve(kind + "-" + fingerprint(jvmArgs, classpath) + ".jsa"), kind);
    }

    /** The options for the next start: map the archive if there is one, else record one at exit. */
    synchronized List<String> jvmOptions() {
        discardPendingDump();
        if (Files.isRegularFile(archive)) {
            // The JVM maps an archive only with the setting it was dumped with (see below).
            return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:+AllowArchivingWithJavaAgent");
        }
        if (Files.exists(failedMarker())) {
            return List.of(); // a dump did not finish in time here once: not worth a slow stop on every run
        }
        try {
            Files.createDirectories(archive.getParent());
            deleteAbandonedDumps();
        } catch (IOException e) {
            LOG.debug("{}: no class data archive ({})", kind, e.getMessage());
            return List.of();
        }
        pendingDump = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
        // The watchdog agent transforms no class, so the archive holds the classes as the jars have them.
        // The dump lists classes it cannot archive (old bytecode, generated accessors) as warnings: not news.
        return List.of("-XX:ArchiveClassesAtExit=" + pendingDump, "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+AllowArchivingWithJavaAgent", "-Xlog:cds=error", "-Xlog:cds+dynamic=error");
    }

    /** Whether the JVM writes an archive when it exits: its stop then takes longer (seconds to tens of seconds). */
    synchronized boolean dumpsAtExit() {
        return pendingDump != null;
    }

    /** The JVM was still writing its archive when it had to be killed: later starts do without one. */
    synchronized void dumpTooSlow() {
        try {
            Files.writeString(failedMarker(), "the archive dump at exit did not finish within the stop grace period\n");
            LOG.warn("{}: the class data archive was not written in time; later starts run without one (delete {} to retry)",
                    kind, failedMarker());
        } catch (IOException e) {
            LOG.debug("{}: could not write {}: {}", kind, failedMarker(), e.getMessage());
        }
    }

    private Path failedMarker() {
        return archive.resolveSibling(archive.getFileName() + ".failed");
    }

    /** After the JVM is gone: publishes its dump if it exited by itself, else throws the dump away. */
    synchronized void jvmExited(boolean exitedByItself) {
        if (pendingDump == null) {
            return;
        }
        try {
            if (exitedByItself && Files.isRegularFile(pendingDump) && !Files.exists(archive)) {
                Files.move(pendingDump, archive, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("{}: class data archive written to {} (later starts map it)", kind, archive);
            }
        } catch (IOException e) {
            LOG.debug("{}: could not publish the class data archive {}: {}", kind, archive, e.getMessage());
        } finally {
            discardPendingDump();
        }
    }

    private void discardPendingDump() {
        if (pendingDump != null) {
            try {
                Files.deleteIfExists(pendingDump);
            } catch (IOException e) {
                LOG.debug("{}: could not delete {}: {}", kind, pendingDump, e.getMessage());
            }
            pendingDump = null;
        }
    }

    /** Dumps of JVMs whose lab JVM died before publishing them. */
    private void deleteAbandonedDumps() throws IOException {
        Instant cutoff = Instant.now().minus(ABANDONED_DUMP_AGE);
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(kind + "-")
                    && f.getFileName().toString().endsWith(".tmp")).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** What the JVM checks before it maps an archive, so a new value means a new archive rather than a rejected one. */
    private static String fingerprint(List<String> jvmArgs, List<String> classpath) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, System.getProperty("java.home"));
            update(digest, System.getProperty("java.vm.version"));
            // Heap and GC options can change how classes are laid out; -D properties (per-run paths) cannot.
            jvmArgs.stream().filter(arg -> !arg.startsWith("-D")).forEach(arg -> update(digest, arg));
            for (String entry : classpath) {
                update(digest, entry);
                try {
                    BasicFileAttributes attributes = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
                    update(digest, attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    update(digest, "missing");
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void update(MessageDigest digest, String value) {
        digest.update(value.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
