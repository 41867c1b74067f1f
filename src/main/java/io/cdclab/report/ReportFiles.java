package io.cdclab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cdclab.errors.LabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a figure set twice: JSON for machines, Markdown for people. */
public final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    public static Path writeJson(Path file, Object figures) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), figures);
            return file;
        } catch (IOException e) {
            throw new LabException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static Path writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new LabException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
