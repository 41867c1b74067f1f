package io.cdclab.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job's real command line, {@code mvn -q compile exec:java} (as the README gives it), with settings that
 * must stop it before anything starts: the backend properties reach the lab's JVM and their errors reach the
 * person, with a non-zero exit. Each run costs Maven's start-up and the lab JVM's, about 6 s.
 */
class MainJobCommandLineTest {
    private static final Duration EXIT = Duration.ofSeconds(120);

    @Test
    void anUnknownBackend_failsWithTheMessageTheTestsGive() throws IOException, InterruptedException {
        try (MainJobProcess job = MainJobProcess.start("bogus-backend", List.of("-Dlab.backend=bogus"), env -> { })) {
            int exit = job.awaitExit(EXIT);

            assertThat(job.output()).contains("cdc-lab: -Dlab.backend=bogus is not a backend. Choose one of: auto, "
                    + "embedded, containers, aws, external.").doesNotContain("topology ready");
            assertThat(exit).as(job.tail()).isEqualTo(1);
        }
    }

    @Test
    void theAwsProfileWithoutCredentials_reachesTheLabAndSaysWhatIsMissing() throws IOException, InterruptedException {
        try (MainJobProcess job = MainJobProcess.start("aws-no-credentials",
                List.of("-Paws", "-Dlab.aws.bucket=cdc-lab-test", "-Dlab.aws.region=eu-west-1"),
                MainJobCommandLineTest::withoutAwsCredentials)) {
            int exit = job.awaitExit(EXIT);

            assertThat(job.output()).contains("cdc-lab: The aws backend (-Paws) found no AWS credentials: set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY").doesNotContain("topology ready");
            assertThat(exit).as(job.tail()).isEqualTo(1);
        }
    }

    @Test
    void everyLabAndBenchPropertyIsPassedOn_theLaunchersOwnInputsAreNot() {
        MainJobCommand command = MainJobCommand.from(Map.of(
                "java.home", "/jdk", "cdclab.launch.main", "io.cdclab.cli.LabMain",
                "cdclab.launch.jvmFlags", "-Xmx3g  --add-opens=java.base/java.nio=ALL-UNNAMED",
                "cdclab.launch.args", "--keep-running", "lab.args", "--keep-running",
                "lab.backend", "aws", "lab.aws.bucket", "b", "bench.sink.config", "a=1, b=2", "user.home", "/root"),
                "/cp", 42);

        assertThat(command.command()).containsExactly("/jdk/bin/java", "-Xmx3g",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dbench.sink.config=a=1, b=2", "-Dlab.aws.bucket=b",
                "-Dlab.backend=aws", "-D" + MainJobCommand.PARENT_PID + "=42", "-cp", "/cp", "io.cdclab.cli.LabMain",
                "--keep-running");
    }

    /** No AWS variable and no profile file: the credential check must fail, not find something. */
    private static void withoutAwsCredentials(Map<String, String> env) {
        env.keySet().removeIf(key -> key.startsWith("AWS_"));
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        env.put("AWS_CONFIG_FILE", "/nonexistent/config");
    }
}
