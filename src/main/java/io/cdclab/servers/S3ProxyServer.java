package io.cdclab.servers;

import io.cdclab.endpoints.AwsCredentials;
import io.cdclab.errors.LabException;
import io.cdclab.process.JvmProcess;
import io.cdclab.runtime.RuntimeLayout;
import io.cdclab.util.Ports;
import io.cdclab.util.Timer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3-compatible server (S3Proxy over a local folder) with real AWS SigV4 authentication for one key pair.
 * Restarting it with another key pair is how the lab makes credentials "expire": the old key then gets
 * {@code 403 InvalidAccessKeyId}. It does not check session tokens.
 */
public final class S3ProxyServer extends ChildJvmService {
    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);

    private final int port;
    private final Path dataDir;
    private AwsCredentials credentials;

    public S3ProxyServer(RuntimeLayout layout, Path runDir, int port, AwsCredentials credentials) {
        super("s3", "s3proxy", 10, layout, runDir);
        this.port = port;
        this.credentials = credentials;
        this.dataDir = runDir.resolve("data/s3");
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    public AwsCredentials credentials() {
        return credentials;
    }

    @Override
    protected JvmProcess.Builder prepare() {
        Ports.requireFree("the S3 server", port);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("s3proxy.endpoint", endpoint().toString());
        props.put("s3proxy.authorization", "aws-v2-or-v4");
        props.put("s3proxy.identity", credentials.accessKeyId());
        props.put("s3proxy.credential", credentials.secretAccessKey().reveal());
        props.put("jclouds.provider", "filesystem-nio2");
        props.put("jclouds.filesystem.basedir", dataDir.toString());
        Path properties = ConfigFiles.writeProperties(configDir.resolve("s3proxy.properties"), props);
        Path logback = ConfigFiles.write(configDir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{1} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                  <logger name="org.gaul.s3proxy.S3ProxyHandler" level="INFO"/>
                </configuration>
                """);
        dataDir.toFile().mkdirs();
        return jvm("org.gaul.s3proxy.Main", layout.s3ProxyClasspath())
                .jvmArgs("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dlogback.configurationFile=" + logback)
                .args("--properties", properties.toString());
    }

    /** Ready when it listens on its port. */
    @Override
    protected void awaitReady(JvmProcess launched, Timer timer) {
        try {
            Awaitility.await("S3 server listening on port " + port)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        launched.requireAlive("S3Proxy to listen on port " + port);
                        return Ports.isListening(port);
                    });
        } catch (ConditionTimeoutException e) {
            throw new LabException("S3Proxy did not listen on port " + port + " within 60 s (waited "
                    + timer.seconds() + "). Its log ends with:\n" + launched.logTail(30), e);
        }
        LOG.info("s3: S3Proxy ready at {} in {}", endpoint(), timer.seconds());
    }

    /** Restarts the server accepting only {@code next}: requests signed with the old key pair now fail. */
    public synchronized void rotateCredentials(AwsCredentials next) {
        stop();
        this.credentials = next;
        start();
    }

}
