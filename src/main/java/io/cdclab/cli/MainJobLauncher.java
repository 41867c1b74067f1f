package io.cdclab.cli;

import io.cdclab.process.OwnSession;
import io.cdclab.settings.LabSettings;
import io.cdclab.util.SystemProperties;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What {@code mvn -q compile exec:java} runs inside Maven's JVM: starts the lab's JVM (Spark needs its own
 * {@code --add-opens} flags, so it cannot run in Maven's) with every {@code lab.*}/{@code bench.*} property
 * passed on ({@link MainJobCommand}), and waits for it.
 *
 * <p>Why a launcher rather than {@code exec:exec}: exec:exec passes on only the properties its command line
 * names, and on Ctrl-C Maven's JVM exits at once, so the prompt came back while the servers went on stopping
 * out of sight. Here the lab's JVM runs in a session of its own; Ctrl-C (or SIGTERM) reaches Maven's JVM only,
 * which hands each signal on to the lab exactly once and stays until the lab has stopped, its output going
 * straight to the terminal. The first signal stops the servers in order, a second one stops them hard.
 */
public final class MainJobLauncher {
    private MainJobLauncher() {
    }

    /** Where the person ran the command: a team's relative file paths (--schema ...) are relative to it. */
    static final String INVOCATION_DIR = LabSettings.INVOCATION_DIR;

    public static void main(String[] args) throws InterruptedException {
        // The lab's JVM runs in the lab's folder; Maven's own working directory is where the person typed the command.
        if (System.getProperty(INVOCATION_DIR) == null) {
            System.setProperty(INVOCATION_DIR, System.getProperty("user.dir"));
        }
        MainJobCommand command;
        try {
            // All of Maven's properties, not the lab's settings only: the launcher's own inputs (cdclab.launch.*) and
            // java.home are among them; MainJobCommand passes every lab.* and bench.* on to the child as they are.
            command = MainJobCommand.from(SystemProperties.asMap(), classpath(), ProcessHandle.current().pid());
        } catch (IllegalArgumentException e) {
            System.err.println("cdc-lab: " + e.getMessage());
            System.exit(2);
            return;
        }
        int exit = run(command, LabSettings.fromSystemProperties());
        if (exit != 0) {
            System.exit(exit); // Maven's own "exited with an error" stack trace would only repeat the lab's message
        }
    }

    private static int run(MainJobCommand command, LabSettings settings) throws InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(OwnSession.wrap(command.command(), settings)).inheritIO();
        String workDir = System.getProperty(MainJobCommand.PREFIX + "workDir");
        if (workDir != null && !workDir.isBlank()) {
            pb.directory(Path.of(workDir).toFile());
        }
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // Spark binds to loopback like every other part
        Process lab;
        try {
            lab = pb.start();
        } catch (IOException e) {
            System.err.println("cdc-lab: cannot start the lab's JVM (" + command.command().get(0) + "): " + e.getMessage());
            return 1;
        }
        // Each Ctrl-C or SIGTERM to Maven becomes one SIGTERM to the lab: first an ordered stop, then a hard one.
        if (StopSignals.onEach(lab::destroy).contains("SIGINT")) {
            System.err.println("cdc-lab: Ctrl-C (SIGINT) is ignored in this process: it was started in the background "
                    + "by a non-interactive shell or under nohup. Stop the lab with: kill " + ProcessHandle.current().pid()
                    + " (SIGTERM)");
        }
        return lab.waitFor();
    }

    /** The classpath exec:java built for this project (its class loader's URLs), else this JVM's. */
    private static String classpath() {
        if (MainJobLauncher.class.getClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 0) {
            return Arrays.stream(loader.getURLs()).map(MainJobLauncher::toPath).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String toPath(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Not a file on the classpath: " + url, e);
        }
    }
}
