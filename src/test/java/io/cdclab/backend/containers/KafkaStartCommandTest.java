package io.cdclab.backend.containers;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka container's command, run here under a real shell against stand-ins: a starter script written the way
 * the Testcontainers Kafka module 2.0.5 writes its own (an export, then the image's entrypoint as a child), and an
 * "entrypoint" that records what a broker would see. {@code docker stop} signals the container's first process;
 * here that is the process the command starts.
 */
class KafkaStartCommandTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;
    private Process process;

    @AfterEach
    void cleanUp() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void theBrokerReplacesTheShell_soSigtermToTheFirstProcessReachesIt_withTheModulesListeners() throws Exception {
        Path entrypoint = executable("entrypoint", """
                #!/bin/sh
                echo "$KAFKA_ADVERTISED_LISTENERS" > "%1$s/listeners"
                trap 'echo TERM > "%1$s/sigterm"; exit 0' TERM
                echo $$ > "%1$s/pid"
                while true; do sleep 0.05; done
                """.formatted(dir));
        Path starter = dir.resolve("testcontainers_start.sh");

        process = new ProcessBuilder("sh", "-c", KafkaStartCommand.script(starter.toString(), entrypoint.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        // The module writes its script only once the container runs: the command must wait for it.
        executable("testcontainers_start.sh", """
                #!/bin/bash
                export KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:49321,BROKER://abc123:9093,TC-0://kafka:19092
                %s\s
                """.formatted(entrypoint));

        Path pid = dir.resolve("pid");
        Awaitility.await().atMost(WAIT).until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
        assertThat(Long.parseLong(Files.readString(pid).trim())).as("the broker runs as the command's own process")
                .isEqualTo(process.pid());
        assertThat(Files.readString(dir.resolve("listeners")).trim())
                .isEqualTo("PLAINTEXT://localhost:49321,BROKER://abc123:9093,TC-0://kafka:19092");

        process.destroy(); // SIGTERM, as docker stop sends to the container's first process
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("sigterm")).as("the broker got SIGTERM").hasContent("TERM");
    }

    @Test
    void aStarterScriptWithoutTheListeners_failsLoudly_insteadOfStartingABrokerNobodyCanReach() throws Exception {
        Path entrypoint = executable("entrypoint", "#!/bin/sh\necho started > \"" + dir + "/started\"\n");
        executable("testcontainers_start.sh", "#!/bin/bash\n" + entrypoint + "\n");

        process = new ProcessBuilder("sh", "-c", KafkaStartCommand.script(dir.resolve("testcontainers_start.sh").toString(),
                entrypoint.toString())).redirectErrorStream(true).start();

        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(new String(process.getInputStream().readAllBytes())).contains("exports no KAFKA_ADVERTISED_LISTENERS");
        assertThat(dir.resolve("started")).doesNotExist();
    }

    private Path executable(String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        // Appears whole, as Testcontainers' copy into the container does.
        return Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
