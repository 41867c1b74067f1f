package io.cdclab.servers;

import io.cdclab.errors.LabException;
import io.cdclab.process.JvmProcess;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.util.JavaHomes;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Apicurio Registry 3 (Quarkus fast-jar, in-memory H2 storage) for Avro pipelines, started on first use only: it
 * needs Java 21+, which is found beside the lab's JDK ({@link JavaHomes}), and it costs ~5-25 s to start.
 * Connect's converter (Apicurio 2.6) speaks to it through the v2-compatible API.
 */
public final class SchemaRegistryServer extends ChildJvmService {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    public static final int JAVA_FEATURE = 21;

    private final Path runDir;
    private int port;
    /** The Java 21+ it runs on, found at each start. */
    private Path javaHome;

    public SchemaRegistryServer(RuntimeLayout layout, Path runDir) {
        super("schema-registry", "schema-registry", 10, layout, runDir);
        this.runDir = runDir;
    }

    /** The v2-compatible API that Apicurio's 2.x converter speaks. */
    public synchronized String v2Url() {
        return "http://" + Ports.LOOPBACK + ":" + port + "/apis/registry/v2";
    }

    /**
     * Its own JVM rather than {@link #jvm}: on the Java 21+ found beside the lab's JDK, in its data folder, without a
     * class-data archive.
     */
    @Override
    protected JvmProcess.Builder prepare() {
        javaHome = JavaHomes.atLeast(JAVA_FEATURE, layout.labSettings()).orElseThrow(() -> new LabException(
                "Apicurio Registry needs Java " + JAVA_FEATURE + "+ and none was found (looked at "
                + JavaHomes.searched() + "). Install one, or point -D" + JavaHomes.PROPERTY + " at it."));
        Path runJar = layout.apicurioRegistryRunJar();
        port = Ports.free();
        return JvmProcess.builder("schema-registry")
                .javaHome(javaHome)
                .labSettings(layout.labSettings())
                .mainClass("io.quarkus.bootstrap.runner.QuarkusEntryPoint")
                .classpath(List.of(runJar.toString()))
                .jvmArgs("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dquarkus.http.host=" + Ports.LOOPBACK, "-Dquarkus.http.port=" + port,
                        // its management port (9000 on every address) would clash between labs on one machine
                        "-Dquarkus.management.enabled=false",
                        "-Dquarkus.http.access-log.enabled=false")
                .logFile(logFile)
                .workDir(runDir.resolve("data/schema-registry"));
    }

    @Override
    protected void awaitReady(JvmProcess launched, Timer timer) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest info = HttpRequest.newBuilder(URI.create(v2Url() + "/system/info")).timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await("Apicurio Registry answering on port " + port)
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        launched.requireAlive("Apicurio Registry to answer on port " + port);
                        return http.send(info, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("Apicurio Registry did not answer on port " + port + " within 120 s (waited "
                    + timer.seconds() + "). Its log ends with:\n" + launched.logTail(30), e);
        }
        LOG.info("schema-registry: Apicurio Registry ready at {} in {} (Java {})", v2Url(), timer.seconds(), javaHome);
    }
}
