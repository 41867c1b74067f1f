package io.cdclab.util;

import io.cdclab.errors.LabException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void aTakenPort_isAClearErrorNamingThePortAndTheService() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.freeOrRequested("the Kafka broker", port))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("already taken")
                    .hasMessageContaining("the Kafka broker");
        }
    }

    @Test
    void portZero_meansAFreePortChosenByTheSystem() {
        int port = Ports.freeOrRequested("anything", 0);

        assertThat(port).isPositive();
        assertThat(Ports.isListening(port)).isFalse();
    }
}
