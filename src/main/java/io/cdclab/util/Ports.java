package io.cdclab.util;

import io.cdclab.errors.LabException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free and taken TCP ports on the loopback interface, where every embedded server listens. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * A port that is free right now, chosen at random below the kernel's ephemeral range. Ports from that range
     * (what {@code new ServerSocket(0)} gives) are also handed to outgoing client connections, which can take
     * one between the lab choosing it and the server binding it; a server then fails with "Address already in
     * use". Below the range only servers bind, and each port is handed out once per JVM.
     */
    public static int free() {
        int[] range = ephemeralRange();
        int low = 10_000;
        int high = Math.min(range[0] - 1, 30_000);
        if (high - low < 1_000) {
            return osChosen();
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = low + RANDOM.nextInt(high - low);
            if (HANDED_OUT.add(port) && isBindable(port)) {
                return port;
            }
        }
        return osChosen();
    }

    private static final Random RANDOM = new SecureRandom();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private static int[] ephemeralRange() {
        try {
            String[] parts = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 60_999}; // Linux's default
        }
    }

    private static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int osChosen() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LabException("Could not find a free TCP port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /** {@code requested} if it is positive and free, a free one if it is 0; a clear error if it is taken. */
    public static int freeOrRequested(String service, int requested) {
        if (requested == 0) {
            return free();
        }
        requireFree(service, requested);
        return requested;
    }

    public static void requireFree(String service, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new LabException("Port " + port + " on " + LOOPBACK + " is already taken, so " + service
                    + " cannot listen there. Stop whatever holds it (e.g. `ss -ltnp 'sport = :" + port
                    + "'`) or let the lab choose a free port (port 0, the default).", e);
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports asked for by the user; 0 means "any free port". */
    public record Requested(int postgres, int kafka, int connect, int s3) {
        public static Requested any() {
            return new Requested(0, 0, 0, 0);
        }
    }
}
