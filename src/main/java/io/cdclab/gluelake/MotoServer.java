package io.cdclab.gluelake;

import io.cdclab.errors.LabException;
import io.cdclab.settings.LabSettings;
import io.cdclab.topology.Service;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The AWS emulator moto_server (Glue, S3, STS and IAM on one port) as a child process on 127.0.0.1, with SigV4
 * signatures and IAM policies enforced after the first {@link #UNAUTHENTICATED_REQUESTS} requests (the ones that
 * create the lab's admin user: see {@link EmulatedAccount}).
 *
 * <p>moto_server is a Python program, so no watchdog agent rides along as in the lab's child JVMs. It runs under a
 * small shell that holds the lab's pipe on its standard input: when the lab's JVM ends, however it ends, the pipe
 * closes and the shell stops moto_server. Closing that pipe is also how {@link #stop()} stops it.
 */
public final class MotoServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    /** Where to find moto_server when it is not on PATH: a path to the executable. */
    public static final String COMMAND_PROPERTY = LabSettings.MOTO_COMMAND;
    public static final String INSTALL_HINT = "install it with: pip install 'moto[server]' (moto 5.x), or name the "
            + "executable with -D" + COMMAND_PROPERTY + "=/path/to/moto_server";
    /** CreateUser, PutUserPolicy and CreateAccessKey of the lab's admin user pass unsigned; nothing after them. */
    static final int UNAUTHENTICATED_REQUESTS = EmulatedAccount.UNSIGNED_SET_UP_REQUESTS;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path executable;
    private final int port;
    private final Path logFile;
    private Process process;

    public MotoServer(Path executable, int port, Path logFile) {
        this.executable = executable;
        this.port = port;
        this.logFile = logFile;
    }

    /** moto_server from {@code -Dlab.moto.command}, else from PATH; empty when there is none. */
    public static Optional<Path> locate(LabSettings settings) {
        Optional<String> configured = settings.motoCommand();
        if (configured.isPresent()) {
            Path path = Path.of(configured.get());
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "moto_server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The located moto_server, or an error that says how to install it. */
    public static Path require(LabSettings settings) {
        return locate(settings).orElseThrow(() -> new LabException("The Glue lake needs the AWS emulator moto_server, "
                + "which is not on PATH" + settings.motoCommand().map(c -> " nor at -D" + COMMAND_PROPERTY + "=" + c)
                .orElse("") + "; " + INSTALL_HINT + "."));
    }

    @Override
    public String name() {
        return "aws";
    }

    /** Glue, S3, STS and IAM all answer here. */
    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Timer timer = Timer.start();
        LOG.info("aws: starting moto_server ({}) on {}", executable, endpoint());
        // "$0" and "$1" keep the path and port out of the shell's parsing; the EXIT trap stops moto_server when
        // standard input closes (lab stopped, or its JVM gone).
        ProcessBuilder builder = new ProcessBuilder("sh", "-c",
                "\"$0\" -H " + Ports.LOOPBACK + " -p \"$1\" & m=$!; trap 'kill $m 2>/dev/null; wait $m' EXIT; "
                        + "cat >/dev/null", executable.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(UNAUTHENTICATED_REQUESTS));
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        // moto must not pick up a person's real AWS settings
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") && !k.equals("AWS_DEFAULT_REGION"));
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new LabException("Cannot start moto_server (" + executable + "): " + e.getMessage() + "; "
                    + INSTALL_HINT + ".", e);
        }
        try {
            Awaitility.await("moto_server to answer on " + endpoint()).atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("exited");
                        }
                        return answers();
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            stop();
            throw new LabException("moto_server did not answer on " + endpoint() + " within " + READY_TIMEOUT.toSeconds()
                    + " s; see " + logFile + ".", e);
        }
        LOG.info("aws: moto_server ready on {} in {}", endpoint(), timer.seconds());
    }

    private boolean answers() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // moto's own API is outside AWS's request counting: probing it spends none of the unsigned requests
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/moto-api/data.json"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Timer timer = Timer.start();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process = null;
        LOG.info("aws: moto_server stopped in {}", timer.seconds());
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }
}
