package io.ferry.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP ports for the services the demo starts. A port the kernel handed to a {@code ServerSocket(0)} lies in its
 * ephemeral range, the range it also takes the local ports of outgoing connections from: in the seconds before a
 * service binds it, a connection of the estate or of a service started earlier can take it, and the service then
 * stops at start ("port in use"; seen in a {@code ferry bench}). So ports come from below that range, each one
 * checked free and never handed out twice.
 */
final class ServicePorts {

    /** Where Linux keeps its ephemeral range; elsewhere the range is taken to start at the lowest usual value. */
    static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int USUAL_EPHEMERAL_START = 32768;
    /** Ports below this are left to well-known and registered services someone may run here. */
    private static final int LOWEST = 20000;

    private final int low;
    private final int high;
    private final Set<Integer> given = new HashSet<>();

    /** Ports from {@value #LOWEST} up to just below the ephemeral range that {@code rangeFile} names. */
    static ServicePorts belowEphemeral(Path rangeFile) {
        int[] ephemeral = range(rangeFile);
        if (ephemeral[0] - LOWEST < 1000) {
            // a range that starts low leaves no room below it: above it, where outgoing connections take no port
            return new ServicePorts(Math.min(65535, ephemeral[1] + 1), 65535);
        }
        return new ServicePorts(LOWEST, ephemeral[0] - 1);
    }

    ServicePorts(int low, int high) {
        if (low > high) {
            throw new IllegalArgumentException("no ports between " + low + " and " + high);
        }
        this.low = low;
        this.high = high;
    }

    /** A port no other process listens on and this instance has not given before, from a random place in its range. */
    synchronized int next() {
        int size = high - low + 1;
        int first = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = low + (first + i) % size;
            if (!given.contains(port) && bindable(port)) {
                given.add(port);
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + low + " and " + high));
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The two numbers of the range file, or the usual range where it cannot be read. */
    private static int[] range(Path rangeFile) {
        try {
            String[] parts = Files.readString(rangeFile).strip().split("\\s+");
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or not readable: the usual range
        }
        return new int[] {USUAL_EPHEMERAL_START, 60999};
    }
}
