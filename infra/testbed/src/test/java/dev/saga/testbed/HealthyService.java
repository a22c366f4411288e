package dev.saga.testbed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A stand-in for a service, run as its own JVM by {@link ServiceJvmTest}: answers {@code /actuator/health} on
 * the port it is given, says so on its output and when it shuts down gracefully; {@code exit} ends it at once.
 */
public final class HealthyService {

    private HealthyService() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("exit")) {
            System.exit(3);
        }
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("stopping gracefully")));
        server.start();
        System.out.println("serving health on port " + port);
    }
}
