package io.cdclab.cli;

import io.cdclab.process.OwnSession;
import io.cdclab.settings.LabSettings;
import io.cdclab.util.LabHome;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The main job run the way the README says, {@code mvn -q compile exec:java ...} from the project root, as a child
 * process in a session of its own: {@link #interrupt()} then signals its process group as Ctrl-C in a terminal
 * does. Output goes to a file under {@code target/}, for the assertions and for a failed run's evidence.
 */
public final class MainJobProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private MainJobProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code mvn -q -B -ntp compile exec:java <mavenArgs>}; {@code environment} may edit the child's env. */
    public static MainJobProcess start(String name, List<String> mavenArgs, Consumer<Map<String, String>> environment)
            throws IOException {
        return start(name, mavenArgs, environment, LabHome.locate());
    }

    /** The same, typed in {@code workingDirectory} (a team's own folder, outside the lab's checkout). */
    public static MainJobProcess start(String name, List<String> mavenArgs, Consumer<Map<String, String>> environment,
                                       Path workingDirectory) throws IOException {
        Path home = LabHome.locate();
        Path output = home.resolve("target/main-job-" + name + ".log");
        Files.createDirectories(output.getParent());
        List<String> command = new ArrayList<>(List.of(mvn(), "-q", "-B", "-ntp", "-f", home.resolve("pom.xml").toString(),
                "compile", "exec:java"));
        command.addAll(mavenArgs);
        ProcessBuilder pb = new ProcessBuilder(OwnSession.wrap(command, LabSettings.fromSystemProperties())).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        environment.accept(pb.environment());
        return new MainJobProcess(pb.start(), output);
    }

    private static String mvn() {
        String home = System.getProperty("maven.home", "");
        Path bin = Path.of(home, "bin", "mvn");
        return !home.isBlank() && Files.isExecutable(bin) ? bin.toString() : "mvn";
    }

    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + output, e);
        }
    }

    public Path outputFile() {
        return output;
    }

    public MainJobProcess awaitOutput(String text, Duration timeout) {
        Awaitility.await("main job output to show \"" + text + "\" (" + output + ")").atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the main job exited:\n" + tail(), () -> !process.isAlive() && !output().contains(text))
                .until(() -> output().contains(text));
        return this;
    }

    /** Waits for the exit; returns the exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the main job did not exit within " + timeout + "; output ends with:\n" + tail());
        }
        return process.exitValue();
    }

    /**
     * Ctrl-C as a terminal sends it: SIGINT to the whole process group (Maven's JVM; the lab has its own). Where the
     * job ignores SIGINT, inherited from a test JVM started in the background by a non-interactive shell
     * ({@code cmd &}), no Ctrl-C could reach it: SIGTERM then, which the lab handles the same way.
     *
     * @return the signal sent
     */
    public String interrupt() throws IOException, InterruptedException {
        String target = OwnSession.isAvailable(LabSettings.fromSystemProperties()) ? "-" + process.pid() : Long.toString(process.pid());
        String signal = ignoresSigint(process.pid()) ? "TERM" : "INT";
        new ProcessBuilder("kill", "-" + signal, "--", target).inheritIO().start().waitFor();
        return "SIG" + signal;
    }

    /** Bit 1 of SigIgn in /proc/PID/status is SIGINT (Linux); elsewhere assume it is not ignored. */
    static boolean ignoresSigint(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("SigIgn:")).findFirst()
                    .map(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16) & 0b10) != 0)
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Maven's JVM, the lab's JVM and the server JVMs (the daemonised postmaster is not among them). */
    public List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        return tree;
    }

    public String tail() {
        String all = output();
        return all.length() <= 6000 ? all : all.substring(all.length() - 6000);
    }

    /** Safety net: whatever is still running is killed hard. */
    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
