package io.ferry.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePortsTest {

    @Test
    void portsComeFromBelowTheEphemeralRangeAndAreNeverGivenTwice(@TempDir Path dir) throws Exception {
        Path range = Files.writeString(dir.resolve("range"), "32768\t60999\n");
        ServicePorts ports = ServicePorts.belowEphemeral(range);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = ports.next();
            assertThat(port).isBetween(20000, 32767);
            assertThat(seen.add(port)).as("port %d given twice", port).isTrue();
        }
    }

    @Test
    void aRangeThatStartsLowLeavesThePortsAboveIt(@TempDir Path dir) throws Exception {
        Path range = Files.writeString(dir.resolve("range"), "1024 50000\n");
        assertThat(ServicePorts.belowEphemeral(range).next()).isBetween(50001, 65535);
    }

    @Test
    void anUnreadableRangeIsTakenAsTheUsualOne(@TempDir Path dir) {
        assertThat(ServicePorts.belowEphemeral(dir.resolve("missing")).next()).isBetween(20000, 32767);
    }

    @Test
    void aPortSomeoneListensOnIsSkipped() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            ServicePorts one = new ServicePorts(port, port);
            assertThatThrownBy(one::next).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("no free port between " + port + " and " + port);
        }
    }

    @Test
    void aFreePortInARangeOfOneIsGivenOnce() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ServicePorts one = new ServicePorts(port, port);
        assertThat(one.next()).isEqualTo(port);
        assertThatThrownBy(one::next).isInstanceOf(UncheckedIOException.class);
    }
}
