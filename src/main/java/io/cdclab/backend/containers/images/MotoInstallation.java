package io.cdclab.backend.containers.images;

import io.cdclab.errors.LabException;
import io.cdclab.gluelake.MotoServer;
import io.cdclab.settings.LabSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * This machine's moto installation, the only source of the built moto image: moto is a Python application on no
 * Maven repository, and no image registry answers here. Its own Python lists what the image needs
 * ({@code moto/list-installation.py}): the interpreter and standard library, moto[server]'s distributions less those
 * only other AWS services use, and the system libraries their native modules load.
 *
 * @param prefix the Python installation's prefix (the image keeps it: pyenv's interpreter finds its libraries there)
 * @param libs   system libraries by the name the loader looks for
 */
record MotoInstallation(Path prefix, Path python, String version, List<Path> files, Map<String, Path> libs) {

    /** Why there is no moto to build from, when {@link #locate()} finds none. */
    static final String NOT_FOUND = "moto_server is not on PATH (-D" + MotoServer.COMMAND_PROPERTY + " names it "
            + "elsewhere); the built moto image copies this machine's moto installation. " + MotoServer.INSTALL_HINT;

    /** The installation behind the moto_server that the embedded backend would start, read by its own Python. */
    static MotoInstallation locate(LabSettings settings) {
        Path command = MotoServer.locate(settings).orElseThrow(() -> new LabException(NOT_FOUND));
        Path python = interpreter(command);
        return parse(run(List.of(python.toString(), "-c", lister()), Path.of(".")));
    }

    /**
     * The Python that runs {@code command}: its {@code #!} line, or, for a pyenv shim (a bash script), the
     * script {@code pyenv which moto_server} names.
     */
    static Path interpreter(Path command) {
        Optional<Path> direct = shebangPython(command);
        if (direct.isPresent()) {
            return direct.get();
        }
        String which = run(List.of("pyenv", "which", command.getFileName().toString()), Path.of(".")).strip();
        return shebangPython(Path.of(which)).orElseThrow(() -> new LabException(command + " (via " + which
                + ") is not a Python script; the built moto image needs moto_server's own Python."));
    }

    private static Optional<Path> shebangPython(Path script) {
        try {
            String first = Files.readAllLines(script, StandardCharsets.ISO_8859_1).stream().findFirst().orElse("");
            if (first.startsWith("#!") && first.contains("python") && !first.contains("/env ")) {
                return Optional.of(Path.of(first.substring(2).strip().split("\\s+")[0]));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new LabException("Cannot read " + script + ": " + e.getMessage(), e);
        }
    }

    static MotoInstallation parse(String listing) {
        Path prefix = null;
        Path python = null;
        String version = null;
        List<Path> files = new ArrayList<>();
        Map<String, Path> libs = new LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            String[] parts = line.strip().split(" ");
            switch (parts[0]) {
                case "prefix" -> prefix = Path.of(parts[1]);
                case "python" -> python = Path.of(parts[1]);
                case "version" -> version = parts[1];
                case "file" -> files.add(Path.of(parts[1]));
                case "lib" -> libs.put(parts[2], Path.of(parts[1]));
                default -> { }
            }
        }
        if (prefix == null || python == null || version == null || files.isEmpty()) {
            throw new LabException("moto's Python listed no installation to copy (got " + listing.lines().count()
                    + " lines); is moto[server] installed for it?");
        }
        return new MotoInstallation(prefix, python, version, List.copyOf(files), Map.copyOf(libs));
    }

    private static String lister() {
        try (InputStream in = MotoInstallation.class.getResourceAsStream("moto/list-installation.py")) {
            if (in == null) {
                throw new LabException("The lab's jar has no image file moto/list-installation.py: rebuild cdc-lab.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("Cannot read moto/list-installation.py: " + e.getMessage(), e);
        }
    }

    private static String run(List<String> command, Path dir) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            process.getOutputStream().close();
            // stderr read on its own thread: a full pipe would block the process
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new LabException(String.join(" ", command.subList(0, Math.min(2, command.size()))) + " did not end within 2 min");
            }
            if (process.exitValue() != 0) {
                throw new LabException(command.get(0) + " failed (exit " + process.exitValue() + "): "
                        + new String(err.join(), StandardCharsets.UTF_8).strip());
            }
            return out;
        } catch (IOException e) {
            throw new LabException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while running " + command.get(0), e);
        }
    }
}
