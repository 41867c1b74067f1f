package io.cdclab.backend.containers;

import org.testcontainers.containers.output.OutputFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/** Appends a container's output to a file in the run folder, where the embedded backend keeps its logs too. */
final class ContainerLogFile implements Consumer<OutputFrame> {
    private final Path file;

    ContainerLogFile(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void accept(OutputFrame frame) {
        String text = frame.getUtf8String();
        if (text.isEmpty()) {
            return;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // a lost log line must not fail the run
        }
    }
}
