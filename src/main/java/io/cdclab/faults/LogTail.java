package io.cdclab.faults;

import io.cdclab.topology.RunningTopology;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lines a server's log files gained since a mark: a fault's evidence ("redo done at", "target table
 * mismatch") read from the logs the backend writes locally. Empty where the backend keeps no local logs.
 */
public final class LogTail {
    private final List<Path> files;
    private final Map<Path, Long> marks = new LinkedHashMap<>();

    private LogTail(List<Path> files) {
        this.files = files;
    }

    /** The log files in {@code lab}'s log folder whose names start with {@code prefix}. */
    public static LogTail of(RunningTopology lab, String prefix) {
        List<Path> files = lab.logDirectory().map(dir -> {
            try (Stream<Path> list = Files.list(dir)) {
                return list.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
            } catch (IOException e) {
                return List.<Path>of();
            }
        }).orElse(List.of());
        return new LogTail(files);
    }

    /** Remembers where each file ends now. */
    public void mark() {
        for (Path f : files) {
            marks.put(f, size(f));
        }
    }

    /** The lines written since {@link #mark()}. */
    public List<String> newLines() {
        List<String> lines = new ArrayList<>();
        newLinesPerFile().values().forEach(lines::addAll);
        return lines;
    }

    /** The lines written since {@link #mark()}, per file name (e.g. "connect-2.log"), in file order. */
    public Map<String, List<String>> newLinesPerFile() {
        Map<String, List<String>> perFile = new LinkedHashMap<>();
        for (Path f : files) {
            List<String> lines = perFile.computeIfAbsent(f.getFileName().toString(), n -> new ArrayList<>());
            long from = marks.getOrDefault(f, 0L);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
                long length = raf.length();
                if (length <= from) {
                    continue;
                }
                byte[] bytes = new byte[(int) Math.min(length - from, 64L * 1024 * 1024)];
                raf.seek(from);
                raf.readFully(bytes);
                new String(bytes, StandardCharsets.UTF_8).lines().forEach(lines::add);
            } catch (IOException e) {
                // a log that cannot be read gives no evidence; the rows are still compared
            }
        }
        return perFile;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
