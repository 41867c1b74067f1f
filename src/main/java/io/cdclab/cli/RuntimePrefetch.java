package io.cdclab.cli;

import io.cdclab.runtime.LabRuntime;
import io.cdclab.runtime.Platform;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.runtime.RuntimeResolver;
import io.cdclab.settings.LabSettings;
import io.cdclab.util.Timer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves every runtime the embedded backend needs on this machine, up front: for a CI cache warm-up, or a
 * machine about to go offline. {@code mvn -q compile exec:java -Dlab.main=io.cdclab.cli.RuntimePrefetch}
 * (add {@code -Dlab.maven.repo.local=DIR} to fill another local repository).
 */
public final class RuntimePrefetch {
    private RuntimePrefetch() {
    }

    public static void main(String[] args) throws IOException {
        Timer total = Timer.start();
        RuntimeLayout layout = RuntimeLayout.locate(LabSettings.fromSystemProperties());
        long bytes = 0;
        int files = 0;
        // the registry's 158 MB archive too: the suite runs C4 under Avro
        for (LabRuntime runtime : List.of(LabRuntime.KAFKA, LabRuntime.S3PROXY, LabRuntime.DEBEZIUM_POSTGRES,
                LabRuntime.ICEBERG_SINK, LabRuntime.APICURIO_CONVERTER, LabRuntime.APICURIO_REGISTRY)) {
            List<Path> resolved = RuntimeResolver.files(runtime, layout.resolverSettings());
            bytes += size(resolved);
            files += resolved.size();
        }
        Path binaries = layout.postgresBinaries().jar();
        bytes += Files.size(binaries);
        files++;
        layout.pluginPathEntry(RuntimeLayout.DEBEZIUM_POSTGRES);
        layout.pluginPathEntry(RuntimeLayout.ICEBERG_SINK);
        layout.pluginPathEntry(RuntimeLayout.APICURIO_CONVERTER);
        System.out.printf("cdc-lab runtimes ready for %s: %d files, %.0f MB, in %s%n", Platform.current(), files,
                bytes / 1e6, total.seconds());
    }

    private static long size(List<Path> files) throws IOException {
        long sum = 0;
        for (Path file : files) {
            sum += Files.size(file);
        }
        return sum;
    }
}
