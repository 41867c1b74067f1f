package io.cdclab.backend.containers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secret files of the Connect container, with its Docker calls faked (a container that exists but is stopped,
 * as after a kill): the file must reach it now, or a later start brings the worker back with the old one.
 */
class ConnectContainerSecretFilesTest {
    @TempDir
    Path folder;

    /** A Connect definition whose container exists and is stopped; copies are recorded, not sent to Docker. */
    private final class StoppedConnect extends ConnectContainer {
        final List<String> copies = new ArrayList<>();

        StoppedConnect(ConnectPlugins plugins) {
            super(Network.newNetwork(), plugins);
        }

        @Override
        public String getContainerId() {
            return "0123456789ab";
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public void copyFileToContainer(Transferable transferable, String containerPath) {
            copies.add(containerPath + "=" + new String(transferable.getBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSecretFileReachesAStoppedContainerNow() throws Exception {
        Path jar = Files.writeString(folder.resolve("cdc-lab-partitioner-0.1.0-SNAPSHOT-connect-plugin.jar"), "jar");
        StoppedConnect connect = new StoppedConnect(new ConnectPlugins(folder, jar));

        String path = connect.putSecretFile("f2-aws.properties", "secret-access-key=new".getBytes());

        assertThat(connect.copies).containsExactly(path + "=secret-access-key=new");
    }
}
