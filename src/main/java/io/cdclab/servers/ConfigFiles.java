package io.cdclab.servers;

import io.cdclab.errors.LabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes the small config files the child servers read: .properties and logging configs. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** Writes {@code key=value} lines; readable by the owner only, since some hold credentials. */
    static Path writeProperties(Path file, Map<String, String> properties) {
        String body = properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "# written by cdc-lab\n", "\n"));
        return write(file, body);
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: permissions stay as they are
            }
            return file;
        } catch (IOException e) {
            throw new LabException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A log4j2 config for Kafka's JVMs: INFO to stdout (the process log file), noisy loggers quieter. */
    static Path writeLog4j2(Path file, Map<String, String> loggerLevels) {
        StringBuilder body = new StringBuilder("""
                status = warn
                appender.out.type = Console
                appender.out.name = OUT
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n
                rootLogger.level = INFO
                rootLogger.appenderRef.out.ref = OUT
                """);
        int i = 0;
        for (Map.Entry<String, String> e : loggerLevels.entrySet()) {
            body.append("logger.l").append(i).append(".name = ").append(e.getKey()).append('\n');
            body.append("logger.l").append(i).append(".level = ").append(e.getValue()).append('\n');
            i++;
        }
        return write(file, body.toString());
    }
}
