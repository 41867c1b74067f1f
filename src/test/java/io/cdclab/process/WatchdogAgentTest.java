package io.cdclab.process;

import io.cdclab.settings.LabSettings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lab JVM that is killed outright (no shutdown hooks run) must not leave its servers behind: each child JVM
 * carries the watchdog agent and exits when its parent is gone.
 */
class WatchdogAgentTest {

    @Test
    void aChildJvm_exitsWhenTheLabJvmThatStartedItIsKilled(@TempDir Path dir) throws IOException {
        Path pidFile = dir.resolve("child.pid");
        Process lab = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                FakeLab.class.getName(), dir.toString(), pidFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("lab.log").toFile()).start();
        try {
            Awaitility.await("the fake lab to start its child JVM").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
            long childPid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            assertThat(child.isAlive()).isTrue();
            if (OwnSession.isAvailable(LabSettings.none())) {
                // Its own session (setsid execs in place): Ctrl-C to the lab's terminal does not reach it, and
                // the pid the lab holds is the JVM's own, so the watchdog below still applies.
                assertThat(ProcessTree.sessionOf(childPid)).as("session of the child JVM").isEqualTo(childPid);
                assertThat(child.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("java"));
            }

            lab.destroyForcibly(); // SIGKILL: the lab's shutdown hooks do not run

            Awaitility.await("the orphaned child JVM " + childPid + " to exit").atMost(Duration.ofSeconds(30))
                    .until(() -> !child.isAlive());
        } finally {
            lab.destroyForcibly();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Stands in for the lab: starts one child JVM (a JDK tool that would run for minutes) and waits. */
    public static final class FakeLab {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            JvmProcess child = JvmProcess.builder("sleeper")
                    .mainClass(Sleeper.class.getName())
                    .classpath(List.of(System.getProperty("java.class.path").split(File.pathSeparator)))
                    .logFile(dir.resolve("logs/sleeper.log"))
                    .workDir(dir)
                    .labSettings(LabSettings.none()) // the fake lab's JVM is started with no -Dlab.*
                    .build();
            child.start();
            Files.writeString(Path.of(args[1]), Long.toString(child.pid()));
            new CountDownLatch(1).await();
        }
    }

    /** A server that would never stop on its own. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            new CountDownLatch(1).await();
        }
    }
}
