package io.cdclab.util;

import io.cdclab.topology.LabException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free and taken TCP ports on the loopback interface, where every embedded server listens. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** A port that is free right now (the OS picks it); the caller binds it soon after. */
    public static int free() {
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
        try (java.net.Socket socket = new java.net.Socket()) {
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
