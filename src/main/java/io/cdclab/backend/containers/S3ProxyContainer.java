package io.cdclab.backend.containers;

import io.cdclab.backend.containers.images.ContainerImages;
import io.cdclab.endpoints.AwsCredentials;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * S3Proxy (the same server the embedded backend runs as a child JVM) as the containers backend's default S3 store:
 * an S3 API with AWS SigV2/V4 authentication for one key pair, over a folder inside the container.
 *
 * <p>Key expiry works as on the embedded backend: the server restarts with another key pair, and requests signed
 * with the old one get 403 InvalidAccessKeyId. The image's entrypoint reads the pair from files
 * ({@code S3PROXY_IDENTITY_FILE}, {@code S3PROXY_CREDENTIAL_FILE}) at every start, so {@link #useKeys} writes new
 * files into the same container and a restart (stop, start) applies them: no new container, so the lake in
 * {@code /data} stays, and the secret is in no environment variable ({@code docker inspect} shows those).
 */
public class S3ProxyContainer extends GenericContainer<S3ProxyContainer> {
    /** Unprivileged, not the image's default 80. */
    public static final int PORT = 8080;
    /** Answers 200 without authentication (S3Proxy 4.x). */
    public static final String HEALTH_PATH = "/healthz";
    static final String DATA_DIR = "/data";
    static final String IDENTITY_FILE = "/opt/s3proxy/lab-keys/identity";
    static final String CREDENTIAL_FILE = "/opt/s3proxy/lab-keys/credential";

    private AwsCredentials keys;

    public S3ProxyContainer(Network network, AwsCredentials keys) {
        this(network, keys, ContainerImages.S3PROXY);
    }

    /** On {@code image}: S3Proxy's own, or one that honours its contract (a built image). */
    public S3ProxyContainer(Network network, AwsCredentials keys, DockerImageName image) {
        super(image);
        this.keys = keys;
        withNetwork(network);
        withNetworkAliases(NetworkAliases.S3PROXY);
        withExposedPorts(PORT);
        withEnv("S3PROXY_ENDPOINT", "http://0.0.0.0:" + PORT);
        withEnv("S3PROXY_AUTHORIZATION", "aws-v2-or-v4");
        withEnv("S3PROXY_IDENTITY_FILE", IDENTITY_FILE);
        withEnv("S3PROXY_CREDENTIAL_FILE", CREDENTIAL_FILE);
        // The embedded backend's storage: plain files below the base folder.
        withEnv("JCLOUDS_PROVIDER", "filesystem-nio2");
        withEnv("JCLOUDS_FILESYSTEM_BASEDIR", DATA_DIR);
        // The image's default heap is 75 % of the machine's memory; the embedded S3Proxy runs in 256 MB.
        withEnv("S3PROXY_JAVA_OPTS", "-Xmx256m");
        waitingFor(Wait.forHttp(HEALTH_PATH).forPort(PORT).forStatusCode(200)
                .withStartupTimeout(Duration.ofMinutes(2)));
        HostPorts.publish(this, PORT);
    }

    /** The key pair the server accepts, now or from its next start on. */
    public synchronized AwsCredentials keys() {
        return keys;
    }

    /**
     * Makes {@code next} the only key pair the server accepts from its next start on: the files go into the existing
     * container now (running or stopped) and into any container this definition creates. Restart to apply.
     */
    public synchronized void useKeys(AwsCredentials next) {
        this.keys = next;
        if (getContainerId() != null) {
            copyKeys();
        }
    }

    @Override
    protected synchronized void containerIsCreated(String containerId) {
        super.containerIsCreated(containerId);
        copyKeys();
    }

    private void copyKeys() {
        copyFileToContainer(keyFile(keys.accessKeyId()), IDENTITY_FILE);
        copyFileToContainer(keyFile(keys.secretAccessKey().reveal()), CREDENTIAL_FILE);
    }

    /** Readable by all: the container holds nothing but S3Proxy, which must read them whatever user it runs as. */
    private static Transferable keyFile(String value) {
        return Transferable.of(value.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public URI hostEndpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }
}
