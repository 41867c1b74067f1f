package io.cdclab.util;

import io.cdclab.settings.LabSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK newer than the one the lab runs on, for a server whose class files need it (Apicurio Registry 3 needs
 * Java 21+). Looks at {@code -Dlab.java21.home}, then {@code JAVA21_HOME}, {@code JAVA_HOME}, then the usual install
 * folders; a JDK counts when its {@code release} file says its version.
 */
public final class JavaHomes {
    public static final String PROPERTY = LabSettings.JAVA21_HOME;

    private JavaHomes() {
    }

    /** The newest JDK of at least {@code feature} found, or empty. */
    public static Optional<Path> atLeast(int feature, LabSettings settings) {
        List<Path> candidates = new ArrayList<>();
        String explicit = settings.text(PROPERTY, "");
        if (!explicit.isEmpty()) {
            candidates.add(Path.of(explicit));
        }
        for (String var : new String[] {"JAVA21_HOME", "JAVA_HOME"}) {
            String value = System.getenv(var);
            if (value != null && !value.isBlank()) {
                candidates.add(Path.of(value));
            }
        }
        // This JVM's own home and the user's folder are the JVM's facts, not lab settings.
        candidates.add(Path.of(System.getProperty("java.home")));
        String home = System.getProperty("user.home");
        for (Path dir : List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/Library/Java/JavaVirtualMachines"),
                Path.of(home, ".sdkman/candidates/java"), Path.of(home, ".jdks"))) {
            candidates.addAll(children(dir));
        }
        if (!explicit.isEmpty() && feature(Path.of(explicit)) >= feature) {
            return Optional.of(Path.of(explicit));
        }
        return candidates.stream().map(JavaHomes::macHome).filter(p -> feature(p) >= feature)
                .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                .max(Comparator.comparingInt(JavaHomes::feature));
    }

    /** Where {@link #atLeast} looked, for a skip or error message. */
    public static String searched() {
        return "-D" + PROPERTY + ", $JAVA21_HOME, $JAVA_HOME, this JVM, /usr/lib/jvm, /opt/java, "
                + "/Library/Java/JavaVirtualMachines, ~/.sdkman/candidates/java, ~/.jdks";
    }

    private static Path macHome(Path p) {
        Path contents = p.resolve("Contents/Home");
        return Files.isDirectory(contents) ? contents : p;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The feature version in the JDK's {@code release} file (JAVA_VERSION="25.0.3" gives 25), 0 if none. */
    static int feature(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            p.load(in);
        } catch (IOException e) {
            return 0;
        }
        String version = p.getProperty("JAVA_VERSION", "").replace("\"", "");
        String first = version.split("[.+-]")[0];
        try {
            int major = Integer.parseInt(first);
            return major == 1 ? 8 : major;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
