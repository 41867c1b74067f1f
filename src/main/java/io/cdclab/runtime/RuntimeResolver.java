package io.cdclab.runtime;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import io.cdclab.errors.LabException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.TransferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Resolves a runtime's pinned artifacts into the local Maven repository, downloading what is missing, with Maven
 * Resolver set up by MIMA from the user's {@code settings.xml} (mirrors, proxies, server credentials, offline mode,
 * local repository), exactly as a Maven build of the same user would.
 *
 * <p>Artifacts are requested one by one from the lock (no dependency collection, no POMs), and each runtime is
 * resolved once per JVM.
 */
public final class RuntimeResolver {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeResolver.class);
    private static final Map<String, List<Path>> RESOLVED = new ConcurrentHashMap<>();

    private RuntimeResolver() {
    }

    /** The runtime's files, in lock order. */
    public static List<Path> files(LabRuntime runtime, ResolverSettings settings) {
        return files(runtime.lockName(), runtime.lockedCoordinates(), settings);
    }

    /** The files of {@code coordinates} (exact, {@code g:a:ext[:classifier]:v}), resolved as {@code name}. */
    public static List<Path> files(String name, List<String> coordinates, ResolverSettings settings) {
        return RESOLVED.computeIfAbsent(name + coordinates, key -> resolve(name, coordinates, settings));
    }

    static List<Path> resolve(String name, List<String> coordinates, ResolverSettings settings) {
        long start = System.nanoTime();
        DownloadProgress progress = new DownloadProgress(name, coordinates.size());
        try (Context context = openContext(settings, progress)) {
            Path localRepository = context.repositorySystemSession().getLocalRepository().getBasedir().toPath();
            boolean offline = context.repositorySystemSession().isOffline();
            List<RemoteRepository> remotes = context.remoteRepositories();
            List<ArtifactRequest> requests = coordinates.stream()
                    .map(coordinate -> new ArtifactRequest(new DefaultArtifact(coordinate), remotes, "cdc-lab-" + name))
                    .toList();
            List<ArtifactResult> results;
            try {
                results = context.repositorySystem().resolveArtifacts(context.repositorySystemSession(), requests);
            } catch (ArtifactResolutionException e) {
                throw unresolved(name, e, localRepository, offline, remotes);
            }
            List<Path> files = results.stream().map(result -> result.getArtifact().getFile().toPath()).toList();
            LOG.info("runtime {}: {} artifacts ready in {} s ({}; local repository {})", name, files.size(),
                    String.format("%.1f", (System.nanoTime() - start) / 1e9), progress.summary(), localRepository);
            return files;
        }
    }

    /** Maven Resolver as the user's Maven would be set up: settings.xml, then the lab's overrides. */
    static Context openContext(ResolverSettings settings, TransferListener listener) {
        ContextOverrides.Builder overrides = ContextOverrides.create()
                .withUserSettings(true)
                .transferListener(listener);
        settings.localRepository().ifPresent(overrides::withLocalRepositoryOverride);
        if (settings.offline()) {
            overrides.offline(true);
        }
        return Runtimes.INSTANCE.getRuntime().create(overrides.build());
    }

    private static LabException unresolved(String name, ArtifactResolutionException e, Path localRepository,
                                           boolean offline, List<RemoteRepository> remotes) {
        List<String> missing = e.getResults().stream()
                .filter(result -> !result.isResolved())
                .map(result -> result.getRequest().getArtifact().toString())
                .toList();
        String how = offline
                ? "Maven is offline (-o or <offline> in settings.xml) and the local repository does not have them: "
                  + "run once online, or copy them into " + localRepository + "."
                : "Check that " + remotes.stream().map(r -> r.getId() + " (" + r.getUrl() + ")")
                  .collect(Collectors.joining(", "))
                  + " can be reached, and the mirrors and proxies in your settings.xml.";
        return new LabException("cdc-lab cannot resolve its runtime '" + name + "': " + missing.size()
                + " artifact(s) missing, e.g. " + missing.stream().limit(3).collect(Collectors.joining(", "))
                + ". " + how + " Cause: " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
