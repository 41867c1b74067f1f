package io.cdclab.backend.containers;

import io.cdclab.endpoints.AwsCredentials;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3Proxy's key files, with the container's Docker calls faked: every created container gets the current pair, and
 * a new pair reaches an existing container (running or stopped) before the restart that applies it.
 */
class S3ProxyContainerKeysTest {
    private final AwsCredentials first = AwsCredentials.generate();

    /** Copies are recorded instead of sent to Docker; {@code id} says whether a container exists. */
    private static final class RecordingProxy extends S3ProxyContainer {
        final List<String> copies = new ArrayList<>();
        String id;

        RecordingProxy(AwsCredentials keys) {
            super(Network.newNetwork(), keys);
        }

        @Override
        public String getContainerId() {
            return id;
        }

        @Override
        public void copyFileToContainer(Transferable transferable, String containerPath) {
            copies.add(containerPath + "=" + new String(transferable.getBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aCreatedContainerGetsTheCurrentPairAsFiles() {
        RecordingProxy proxy = new RecordingProxy(first);
        proxy.id = "0123456789ab";

        proxy.containerIsCreated(proxy.id);

        assertThat(proxy.copies).containsExactly("/opt/s3proxy/lab-keys/identity=" + first.accessKeyId(),
                "/opt/s3proxy/lab-keys/credential=" + first.secretAccessKey().reveal());
    }

    @Test
    void aNewPairGoesIntoTheExistingContainerAtOnce_andIsWhatTheNextCreatedOneGets() {
        RecordingProxy proxy = new RecordingProxy(first);
        AwsCredentials next = AwsCredentials.generate();

        proxy.useKeys(next);
        assertThat(proxy.copies).as("no container yet: nothing to copy").isEmpty();
        assertThat(proxy.keys()).isEqualTo(next);

        proxy.id = "0123456789ab";
        AwsCredentials third = AwsCredentials.generate();
        proxy.useKeys(third);
        assertThat(proxy.copies).containsExactly("/opt/s3proxy/lab-keys/identity=" + third.accessKeyId(),
                "/opt/s3proxy/lab-keys/credential=" + third.secretAccessKey().reveal());
    }
}
