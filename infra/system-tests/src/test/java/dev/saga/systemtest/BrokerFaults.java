package dev.saga.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.testing.RealServices;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Breaks the broker's side of the system: closes every client connection of the system's virtual host
 * through the management API (what {@code rabbitmqctl close_all_connections} does, limited to this test),
 * or stops and starts the broker application on a local installation.
 */
final class BrokerFaults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private BrokerFaults() {
    }

    /**
     * Closes every service's connection to the virtual host; returns how many there were. The management API learns of
     * new connections with a few seconds' delay, so this waits until it lists some.
     */
    static int closeAllConnections(String virtualHost) {
        List<String> names = await("connections listed by the management API").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500)).until(() -> connectionNames(virtualHost), n -> !n.isEmpty());
        for (String name : names) {
            call("DELETE", "/api/connections/" + encode(name));
        }
        return names.size();
    }

    private static List<String> connectionNames(String virtualHost) throws IOException {
        JsonNode connections = JSON.readTree(call("GET", "/api/vhosts/" + encode(virtualHost) + "/connections"));
        List<String> names = new ArrayList<>();
        connections.forEach(c -> {
            if (!RealServices.isKeeper(c)) {
                names.add(c.get("name").asText());
            }
        });
        return names;
    }

    /** Whether this machine runs the broker itself, so the test may stop and start it. */
    static boolean localBrokerControllable() {
        try {
            return new ProcessBuilder("rabbitmqctl", "status").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void stopApp() {
        rabbitmqctl("stop_app");
    }

    /**
     * Starts the broker application and returns once it boots fully and its management API answers again, so
     * whatever runs next finds a broker, not one still recovering its queues.
     */
    static void startApp() {
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
        await("the management API answering after start_app").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> call("GET", "/api/overview") != null);
    }

    private static void rabbitmqctl(String command) {
        try {
            int status = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            if (status != 0) {
                throw new IllegalStateException("rabbitmqctl " + command + " exited with " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl " + command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String call(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RealServices.managementUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "guest:guest".getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && response.statusCode() != 404) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
