package io.cdclab.scenarios;

import io.cdclab.backend.external.ClusterInventory;
import io.cdclab.backend.external.ExternalBackend;
import io.cdclab.backend.external.ExternalSettings;
import io.cdclab.cli.LoginFile;
import io.cdclab.cli.MainJobProcess;
import io.cdclab.endpoints.Secret;
import io.cdclab.faults.SecretLeakScanner;
import io.cdclab.junit.ScenarioWatcher;
import io.cdclab.report.LabReport;
import io.cdclab.report.ScenarioFinding;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.topology.RunningTopology;
import io.cdclab.topology.Topology;
import io.cdclab.util.Ports;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.cdclab.scenarios.ScenarioPages.EXTERNAL_BACKEND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * E1: the suite's K1 and C2 on the external backend, against a topology the lab started in another process.
 *
 * <p>Design: one class, one main job. It starts the README's {@code mvn -q compile exec:java
 * -Dlab.args="--keep-running --no-demo"} as a child process (without the demo pipeline: it would add about 15 s
 * to a CI run that must stay under 15 minutes; the lent cluster still holds Connect's own topics and group,
 * which the run must not take), builds the external backend from nothing but the login file that
 * run writes (its {@code CDC_LAB_EXTERNAL_ARGS} properties and its variables), runs K1's and C2's own scenario
 * code ({@link KeyedTableScenario}, {@link CurrentStateScenario}) on it, and compares the cluster before and
 * after: nothing of the run may stay. Last, it stops the main job with Ctrl-C (SIGINT to its process group) and
 * measures the stop. One start for all of it keeps the added CI time near a minute; a second surefire execution
 * with -Dlab.backend=external would have needed a cluster started outside Maven.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ScenarioWatcher.class) // verdicts for the report index
class ExternalBackendE1Test {
    private static final Duration READY = Duration.ofSeconds(240);
    /** The goal, measured and reported: a busy machine can miss it without anything being wrong. */
    private static final Duration STOP_GOAL = Duration.ofSeconds(5);
    /** What fails the test: a stop that waited for the 30 s kill of a server that did not stop. */
    private static final Duration STOP_HUNG = Duration.ofSeconds(25);
    static final ScenarioFinding E1 = ScenarioFinding.of("E1", "nothing left behind", """
            K1 and C2 run on an existing cluster named only by -Dlab.external.* properties, and the run removes what
            it created there and leaves nothing behind.""");
    private static final List<String> STOP_LINES = List.of("stop requested", "stopped connect", "stopped kafka",
            "stopped s3", "stopped postgres", "stopped clean-up", "all stopped in");

    // Both closed by JUnit after the last test, whatever failed (@AutoClose skips a field still null).
    @AutoClose
    private MainJobProcess mainJob;
    private Path loginFile;
    private Map<String, String> login;
    private ExternalSettings settings;
    private ClusterInventory before;
    @AutoClose
    private RunningTopology lab;

    @BeforeAll
    void startTheMainJobAndOpenItAsAnExternalCluster() throws IOException {
        List<String> args = new ArrayList<>(List.of("-Dlab.args=--keep-running --no-demo"));
        if (!classDataArchivesExist()) {
            // The first JVM of each kind writes its class-data archive at exit (tens of seconds): not a stop to time.
            args.add("-Dlab.cds=false");
        }
        mainJob = MainJobProcess.start("e1-keep-running", args, env -> { });
        mainJob.awaitOutput("to stop (a second", READY); // "Press Ctrl-C to stop", or the kill to use where SIGINT is ignored
        loginFile = LoginFile.location();
        login = LoginFile.read(loginFile);
        Map<String, String> properties = properties(login.get(LoginFile.EXTERNAL_ARGS_VAR));
        settings = ExternalSettings.from(properties, login, "lake");
        before = ClusterInventory.of(settings);
        lab = Topology.builder().kafkaPartitions(6).build().start(ExternalBackend.of(properties, login));
    }

    @Test
    @Order(1)
    void e1_loginFile_ownerOnly_andItsLinesLogIn() throws IOException, InterruptedException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loginFile))).isEqualTo("rw-------");
        assertThat(mainJob.output()).contains("source " + loginFile, "psql -c", "aws s3 ls --recursive --endpoint-url",
                "spark-sql --packages", "kafka-console-consumer.sh");
        // The printed psql line, run as a person would after sourcing the file (where psql is installed).
        if (onPath("psql")) {
            assertThat(shell("psql -Atc 'SELECT current_user, current_database()'")).isEqualTo("cdc|app");
        }
        assertThat(shell("curl -s \"$CONNECT_URL/connectors\"")).isEqualTo("[]");
    }

    @Test
    @Order(2)
    void e1_k1_keyedTable_onTheExternalBackend_sameResultsAsEmbedded() {
        assertThat(lab.backend()).isEqualTo("external");
        KeyedTableScenario.k1(lab);
    }

    @Test
    @Order(3)
    void e1_c2_currentState_onTheExternalBackend_sameResultsAsEmbedded() {
        CurrentStateScenario.c2(lab, EXTERNAL_BACKEND);
    }

    @Test
    @Order(4)
    void e1_theRunLeavesNothingBehindInTheLentCluster_andTakesNothingThatWasThere() {
        ClusterInventory during = ClusterInventory.of(settings);
        assertThat(during.addedSince(before)).as("what the run created, before its clean-up")
                .containsKeys("connector", "topic", "consumer group", "replication slot", "publication", "Iceberg table");

        lab.close();

        ClusterInventory after = ClusterInventory.of(settings);
        assertThat(after.addedSince(before)).as("left behind in the lent cluster").isEmpty();
        assertThat(before.addedSince(after)).as("taken from the lent cluster").isEmpty();
        assertThat(before.byKind().get("topic")).as("Connect's own, there before the run").contains("connect-configs");
        EXTERNAL_BACKEND.section(E1)
                .paragraph("K1 and C2 ran on the external backend against a main job started with --keep-running in "
                        + "another process, named only by its login file's -Dlab.external.* properties. Created by "
                        + "the run and removed at its close: " + during.addedSince(before) + ". Left behind: none.");
        EXTERNAL_BACKEND.write();
    }

    @Test
    @Order(5)
    void e1_ctrlC_stopsTheStackInOrder_exit0_nothingLeftRunning_stopTimeAgainstTheFiveSecondGoal() throws Exception {
        List<ProcessHandle> tree = mainJob.processTree();
        List<Integer> ports = List.of(Integer.parseInt(login.get("PGPORT")), port(login.get("KAFKA_BOOTSTRAP_SERVERS")),
                URI.create(login.get("CONNECT_URL")).getPort(), URI.create(login.get("S3_ENDPOINT")).getPort());
        assertThat(tree).as("Maven, the lab and its three server JVMs").hasSizeGreaterThanOrEqualTo(5);
        assertNoSecretsOutsideTheLoginFile("while running");

        long sent = System.nanoTime();
        String signal = mainJob.interrupt();
        int exit = mainJob.awaitExit(Duration.ofSeconds(60));
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        String output = mainJob.output();
        assertThat(exit).as(mainJob.tail()).isZero();
        assertThat(output).containsSubsequence(STOP_LINES);
        assertThat(tree).as("processes of the main job still running").noneMatch(ProcessHandle::isAlive);
        assertThat(ports).as("ports still listening (PostgreSQL, Kafka, Connect, S3)").noneMatch(Ports::isListening);
        assertThat(loginFile).as("the login file, deleted at stop").doesNotExist();
        assertNoSecretsOutsideTheLoginFile("after the stop");
        EXTERNAL_BACKEND.section("Stopping --keep-running with Ctrl-C")
                .figures("Measured", Map.of("SIGINT to the main job's exit (s)", String.format("%.1f", took.toMillis() / 1000.0),
                        "goal (s)", STOP_GOAL.toSeconds(), "goal", took.compareTo(STOP_GOAL) <= 0 ? "met" : "missed",
                        "signal sent", signal,
                        "exit code", exit))
                .paragraph(String.join("\n", output.lines().filter(l -> l.startsWith("  stopped") || l.contains("stop"))
                        .toList()));
        EXTERNAL_BACKEND.write();
        assertThat(took).as("Ctrl-C to everything stopped: no server left to the 30 s kill").isLessThan(STOP_HUNG);
    }

    /** The run's secrets appear in the login file only: not in the main job's output, logs, report or lab files. */
    private void assertNoSecretsOutsideTheLoginFile(String when) {
        List<Secret> secrets = Stream.of("PGPASSWORD", "AWS_SECRET_ACCESS_KEY", "CDC_LAB_CATALOG_PASSWORD")
                .map(login::get).map(Secret::of).toList();
        Path runLogs = Path.of(between(mainJob.output(), "Logs                     ", "\n").trim());
        SecretLeakScanner scanner = new SecretLeakScanner(secrets).allowing(loginFile)
                .text("main job output", mainJob.output())
                .files(loginFile.getParent(), 1)
                .files(runLogs)
                .files(LabReport.directory());
        assertThat(scanner.leaks()).as("secrets found %s", when).isEmpty();
    }

    private String shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", ". '" + loginFile + "' && " + command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static boolean classDataArchivesExist() throws IOException {
        Path cds = RuntimeLayout.locate().classDataDir();
        if (!Files.isDirectory(cds)) {
            return false;
        }
        try (Stream<Path> files = Files.list(cds)) {
            Set<String> kinds = Set.copyOf(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsa"))
                    .map(n -> n.substring(0, n.indexOf('-'))).toList());
            return kinds.containsAll(List.of("kafka", "connect", "s3proxy"));
        }
    }

    /** {@code -Dk=v -Dk2=v2 ...} as a map: the properties a person passes to Maven from the login file. */
    private static Map<String, String> properties(String args) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String arg : args.trim().split("\\s+")) {
            int eq = arg.indexOf('=');
            properties.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return properties;
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static String between(String text, String start, String end) {
        int i = text.indexOf(start) + start.length();
        return text.substring(i, text.indexOf(end, i));
    }
}
