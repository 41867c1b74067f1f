package io.cdclab.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which local repository and offline mode the lab resolves with. Unset, both come from the user's
 * {@code settings.xml} as in Maven; the lab's own pom passes the running build's values
 * ({@code -Dlab.maven.repo.local=${settings.localRepository}}, {@code -Dlab.maven.offline=${settings.offline}}), so
 * {@code mvn -o} and {@code -Dmaven.repo.local} reach the lab too. Maven's own {@code -Dmaven.repo.local} on the
 * JVM is honoured as well.
 */
public record ResolverSettings(Optional<Path> localRepository, boolean offline) {
    public static final String LOCAL_REPOSITORY = "lab.maven.repo.local";
    public static final String OFFLINE = "lab.maven.offline";

    public static ResolverSettings fromSystemProperties() {
        String repo = firstSet(System.getProperty(LOCAL_REPOSITORY), System.getProperty("maven.repo.local"));
        return new ResolverSettings(Optional.ofNullable(repo).map(Path::of),
                Boolean.parseBoolean(System.getProperty(OFFLINE, "false")));
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            // an unresolved ${...} means a pom passed a property Maven did not know
            if (value != null && !value.isBlank() && !value.startsWith("${")) {
                return value;
            }
        }
        return null;
    }
}
