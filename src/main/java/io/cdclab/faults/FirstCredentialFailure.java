package io.cdclab.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which part of the Iceberg sink first met a credential or permission error, read from the Connect worker's log
 * after a mark: the task's catalog load (Glue GetTable/GetDatabase), the coordinator's Glue commit (UpdateTable), or
 * an S3 write (S3FileIO). The log is the only place that shows it: a task's trace in its status holds the last
 * failure only, and the coordinator's failed commits never fail a task.
 */
public final class FirstCredentialFailure {
    /** What AWS (and the emulator) answer for a revoked, expired or under-privileged request. */
    private static final Pattern CREDENTIAL_ERROR = Pattern.compile(
            "AccessDenied|not authorized to perform|InvalidClientTokenId|InvalidAccessKeyId|ExpiredToken|token has expired|"
                    + "security token included in the request is (invalid|expired)|Status Code: 403");

    private final Path log;
    private final long mark;

    private FirstCredentialFailure(Path log, long mark) {
        this.log = log;
        this.mark = mark;
    }

    /** Marks the end of {@code connectLog} now: only what is logged later counts. */
    public static FirstCredentialFailure markFrom(Path connectLog) {
        try {
            return new FirstCredentialFailure(connectLog, Files.exists(connectLog) ? Files.size(connectLog) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A credential failure seen since the mark: the component it hit, the log line, and the IAM action of the AWS
     * call that was refused (read from the SDK client frame in the stack: moto's Glue 403s carry no message, and
     * S3's AccessDenied never names the action), e.g. {@code glue:UpdateTable}.
     */
    public record Finding(String component, String line, Optional<String> deniedAction) {
    }

    private static final Pattern SDK_CALL = Pattern.compile("Default(Glue|S3|Sts|DynamoDb)Client\\.([a-z][A-Za-z]+)\\(");

    public Optional<Finding> find() {
        List<String> lines = linesSinceMark();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (CREDENTIAL_ERROR.matcher(line).find()) {
                // the component shows in the line or in the stack frames right below it
                String context = String.join("\n", lines.subList(Math.max(0, i - 2), Math.min(lines.size(), i + 40)));
                return Optional.of(new Finding(component(context), line.strip(), deniedAction(context)));
            }
        }
        return Optional.empty();
    }

    static Optional<String> deniedAction(String context) {
        var m = SDK_CALL.matcher(context);
        if (!m.find()) {
            return Optional.empty();
        }
        String method = m.group(2);
        return Optional.of(m.group(1).toLowerCase(Locale.ROOT) + ":"
                + Character.toUpperCase(method.charAt(0)) + method.substring(1));
    }

    /**
     * The component, from the service named in the error's own lines (the logged line and its "Caused by"s) and
     * the refused call: a stack holds frames of several components (a task's write runs inside the committer).
     */
    static String component(String context) {
        String errors = context.lines().filter(l -> !l.strip().startsWith("at ")).reduce("", (x, y) -> x + "\n" + y);
        String action = deniedAction(context).orElse("");
        if (errors.contains("Service: S3") || errors.contains("services.s3.")) {
            return action.isEmpty() || action.matches("s3:(PutObject|CreateMultipartUpload|UploadPart|CompleteMultipartUpload)")
                    ? "an S3 write (S3FileIO)" : "an S3 read (" + action + ")";
        }
        if (errors.contains("Service: Glue") || errors.contains("services.glue.")) {
            if (action.equals("glue:UpdateTable")) {
                return "the coordinator's Glue commit (glue:UpdateTable)";
            }
            if (action.matches("glue:(CreateTable|CreateDatabase)")) {
                return "the task's table auto-create (" + action + ")";
            }
            return "the task's catalog load (Glue" + (action.isEmpty() ? "" : " " + action) + ")";
        }
        if (errors.contains("Service: DynamoDb") || errors.contains("services.dynamodb.")) {
            return "the commit lock (DynamoDB, the emulated Glue lake's EmulatorCommitLock)";
        }
        return "unclassified";
    }

    private List<String> linesSinceMark() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= mark) {
                return List.of();
            }
            byte[] bytes = new byte[(int) Math.min(length - mark, 64L << 20)];
            file.seek(mark);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
