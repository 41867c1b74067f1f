package io.cdclab.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A folder and everything in it removed, deepest first: run data, a stopped server's data or socket folder. */
public final class Directories {
    private Directories() {
    }

    /** Deletes {@code dir} and its contents if it exists; a file that cannot be deleted is left and the walk goes on. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
