package io.cdclab.backend.embedded;

import io.cdclab.errors.LabException;
import io.cdclab.process.ProcessTree;
import io.cdclab.topology.Topology;
import io.cdclab.util.Ports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starting and stopping the embedded topology: what it starts, and that stopping leaves nothing running. */
class EmbeddedTopologyLifecycleTest {

    @Test
    void stop_leavesNoProcessNoListeningPortAndNoDataBehind_butKeepsTheLogs() throws IOException {
        Set<Long> before = descendants();
        EmbeddedTopology lab = (EmbeddedTopology) Topology.builder().build().start(new EmbeddedBackend());
        Path runDir = lab.runDir();
        long postmaster = Long.parseLong(Files.readAllLines(runDir.resolve("data/postgres/postmaster.pid")).get(0).trim());
        List<Integer> ports = List.of(lab.source().port(), port(lab.kafkaBootstrapServers()),
                lab.connect().baseUri().getPort(), lab.objectStore().endpoint().orElseThrow().getPort());
        Set<Long> started = descendants();
        started.removeAll(before);

        assertThat(started).as("child JVMs: kafka, connect, s3proxy").hasSizeGreaterThanOrEqualTo(3);
        assertThat(ProcessHandle.of(postmaster)).isPresent();
        assertThat(ports).allSatisfy(p -> assertThat(Ports.isListening(p)).as("port %d", p).isTrue());
        assertThat(lab.startupTimes()).containsKeys("postgres", "kafka", "connect", "s3", "total");

        lab.close();

        assertThat(started.stream().filter(ProcessTree::isRunning)
                .map(pid -> pid + " " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("?")))
                .as("processes the topology started that are still alive").isEmpty();
        assertThat(ProcessTree.isRunning(postmaster)).as("postmaster %d running", postmaster).isFalse();
        assertThat(ports).allSatisfy(p -> assertThat(Ports.isListening(p)).as("port %d", p).isFalse());
        assertThat(runDir.resolve("data")).doesNotExist();
        assertThat(runDir.resolve("config")).doesNotExist();
        assertThat(runDir.resolve("logs/kafka.log")).exists();
        assertThat(runDir.resolve("logs/connect.log")).exists();
    }

    @Test
    void aRequestedPortThatIsTaken_failsBeforeAnythingStarts() throws IOException {
        Set<Long> before = descendants();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            EmbeddedBackend backend = new EmbeddedBackend(new Ports.Requested(0, taken.getLocalPort(), 0, 0));

            assertThatThrownBy(() -> Topology.builder().build().start(backend))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("the Kafka broker");
        }
        assertThat(descendants()).isEqualTo(before);
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
