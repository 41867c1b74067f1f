package io.cdclab.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FirstCredentialFailureTest {
    @TempDir
    Path dir;

    @Test
    void anS3DenialInsideTheCommitter_isAnS3Write_andNamesPutObject() throws IOException {
        Files.writeString(dir.resolve("connect.log"), "08:00:00.000 ERROR old failure: AccessDenied before the mark\n");
        var finding = firstFailureLoggedAfterTheMark("""
                08:49:51.238 ERROR [task-thread-g2-sink-0] WorkerSinkTask - Task threw ... Error: java.io.IOException: software.amazon.awssdk.services.s3.model.AccessDeniedException: Access Denied (Service: S3, Status Code: 403)
                java.io.UncheckedIOException: java.io.IOException: software.amazon.awssdk.services.s3.model.AccessDeniedException: Access Denied (Service: S3, Status Code: 403)
                \tat software.amazon.awssdk.services.s3.DefaultS3Client.putObject(DefaultS3Client.java:1)
                \tat org.apache.iceberg.aws.s3.S3OutputStream.close(S3OutputStream.java:1)
                \tat org.apache.iceberg.connect.channel.CommitterImpl.save(CommitterImpl.java:195)
                \tat org.apache.iceberg.connect.channel.Coordinator.commitToTable(Coordinator.java:1)
                """);

        assertThat(finding.component()).isEqualTo("an S3 write (S3FileIO)");
        assertThat(finding.deniedAction()).contains("s3:PutObject");
        assertThat(finding.line()).startsWith("08:49:51.238");
    }

    /** A 403 with no message of its own is named from the call it refused, read from the stack below it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCallsWithoutAMessage")
    void a403WithoutMessage_isNamedFromTheRefusedCall(String refused, String logged, String component, String deniedAction)
            throws IOException {
        var finding = firstFailureLoggedAfterTheMark(logged);

        assertThat(finding.component()).isEqualTo(component);
        assertThat(finding.deniedAction()).contains(deniedAction);
    }

    static Stream<Arguments> refusedCallsWithoutAMessage() {
        return Stream.of(
                Arguments.of("the coordinator's Glue commit", """
                        08:35:44.086 ERROR [iceberg-coord] CoordinatorThread - Coordinator error during process, exiting thread
                        software.amazon.awssdk.services.glue.model.GlueException: Service returned HTTP status code 403 (Service: Glue, Status Code: 403)
                        \tat software.amazon.awssdk.services.glue.DefaultGlueClient.updateTable(DefaultGlueClient.java:1)
                        \tat org.apache.iceberg.aws.glue.GlueTableOperations.persistGlueTable(GlueTableOperations.java:1)
                        """, "the coordinator's Glue commit (glue:UpdateTable)", "glue:UpdateTable"),
                // A denied commit lock is the emulator's lock (EmulatorCommitLock), named with its DynamoDB call.
                Arguments.of("the emulated Glue lake's commit lock", """
                        09:12:01.500 WARN  [iceberg-committer-0] Tasks - Retrying task after failure: Service returned HTTP status code 403 (Service: DynamoDb, Status Code: 403)
                        software.amazon.awssdk.services.dynamodb.model.DynamoDbException: Service returned HTTP status code 403 (Service: DynamoDb, Status Code: 403)
                        \tat software.amazon.awssdk.services.dynamodb.DefaultDynamoDbClient.putItem(DefaultDynamoDbClient.java:1)
                        \tat org.apache.iceberg.aws.dynamodb.DynamoDbLockManager.acquireOnce(DynamoDbLockManager.java:1)
                        """, "the commit lock (DynamoDB, the emulated Glue lake's EmulatorCommitLock)", "dynamodb:PutItem"));
    }

    @Test
    void nothingAfterTheMark_isNoFinding() throws IOException {
        Path log = dir.resolve("connect.log");
        Files.writeString(log, "x InvalidClientTokenId before\n");
        assertThat(FirstCredentialFailure.markFrom(log).find()).isEmpty();
    }

    /** Marks the worker's log as it is now, appends {@code logged} to it, and finds the first credential failure. */
    private FirstCredentialFailure.Finding firstFailureLoggedAfterTheMark(String logged) throws IOException {
        Path log = dir.resolve("connect.log");
        FirstCredentialFailure first = FirstCredentialFailure.markFrom(log);
        Files.writeString(log, logged, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return first.find().orElseThrow();
    }
}
