package io.cdclab.runtime;

import io.cdclab.settings.LabSettings;
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
    public static final String LOCAL_REPOSITORY = LabSettings.MAVEN_REPO_LOCAL;
    public static final String OFFLINE = LabSettings.MAVEN_OFFLINE;
    /** Maven's own property, which Surefire hands the test JVM: a fact of the build, not a lab setting. */
    static final String MAVEN_REPO_LOCAL = "maven.repo.local";

    public static ResolverSettings from(LabSettings settings) {
        String repo = firstSet(settings.get(LOCAL_REPOSITORY).orElse(null), System.getProperty(MAVEN_REPO_LOCAL));
        return new ResolverSettings(Optional.ofNullable(repo).map(Path::of),
                Boolean.parseBoolean(settings.get(OFFLINE).orElse("false")));
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
