package dev.saga.testbed;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports on this machine for services whose port a harness chooses. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port nothing listens on now, as the operating system hands them out. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
