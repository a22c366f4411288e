package dev.saga.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.testbed.InfraScript;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The three-node RabbitMQ cluster of {@code infra/cluster/rabbit} (nodes {@code saga-c1..3@localhost}, AMQP
 * 5681-5683, management 15681-15683), driven through that script as an operator would, and read through the
 * management API of a node that runs.
 */
final class ClusterBroker {

    static final int NODES = 3;
    private static final Path SCRIPT = Path.of("../cluster/rabbit").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private ClusterBroker() {
    }

    /** Whether this machine can run the cluster: a local RabbitMQ installation and the script's tools. */
    static boolean available() {
        return Files.isExecutable(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server")) && InfraScript.onPath("jq");
    }

    /** Starts the nodes that do not run and clusters them; idempotent. */
    static void up() {
        script(Duration.ofMinutes(5), "up");
    }

    /** SIGKILL of node {@code n}'s Erlang VM: no goodbye to its peers. */
    static void kill(int n) {
        script(Duration.ofMinutes(1), "kill", String.valueOf(n));
    }

    /** Starts node {@code n} again and waits until it serves. */
    static void start(int n) {
        script(Duration.ofMinutes(5), "start", String.valueOf(n));
    }

    /** Creates virtual host {@code vhost} on the cluster with the saga exchanges; idempotent. */
    static void createVirtualHost(String vhost) {
        script(Duration.ofMinutes(1), "vhost", vhost);
    }

    static void deleteVirtualHost(String vhost) {
        management("DELETE", "/api/vhosts/" + URLEncoder.encode(vhost, StandardCharsets.UTF_8), null);
    }

    /** The value of {@code spring.rabbitmq.addresses}: every node, so a client reconnects to one that runs. */
    static String addresses() {
        List<String> addresses = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            addresses.add("127.0.0.1:" + amqpPort(n));
        }
        return String.join(",", addresses);
    }

    static int amqpPort(int n) {
        return 5680 + n;
    }

    /** Node {@code n}'s TLS listener; only node 4, started alone by {@link #tlsNode}, has one. */
    static int tlsPort(int n) {
        return 5690 + n;
    }

    /**
     * Starts node 4 afresh, outside the cluster, with a TLS listener using {@code dir}'s {@code ca.pem},
     * {@code server.pem} and {@code server-key.pem}, and {@code vhost} with the saga exchanges.
     */
    static void tlsNode(Path dir, String vhost) {
        script(Duration.ofMinutes(3), "tls", dir.toString(), vhost);
    }

    static String nodeName(int n) {
        return "saga-c" + n + "@localhost";
    }

    static String managementUrl(int n) {
        return "http://127.0.0.1:" + (15680 + n);
    }

    /** Calls the management API of the first node that answers, as guest; fails on any answer but 2xx. */
    static String management(String method, String path, String body) {
        IOException last = null;
        for (int n = 1; n <= NODES; n++) {
            try {
                return management(n, method, path, body);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IllegalStateException("No node of the cluster answers on its management API", last);
    }

    /** Calls node {@code n}'s management API as guest; fails on any answer but 2xx, throws when it does not answer. */
    static String management(int n, String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl(n) + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "guest:guest".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Each queue of the virtual host with its quorum members and its leader, as the management API lists them. */
    static Map<String, QueueReplicas> replicas(String vhost) {
        Map<String, QueueReplicas> queues = new TreeMap<>();
        try {
            for (JsonNode queue : JSON.readTree(management("GET", "/api/queues/"
                    + URLEncoder.encode(vhost, StandardCharsets.UTF_8), null))) {
                List<String> members = new ArrayList<>();
                queue.path("members").forEach(m -> members.add(m.asText()));
                queues.put(queue.get("name").asText(), new QueueReplicas(queue.path("type").asText(), members,
                        queue.path("leader").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable queue list of " + vhost, e);
        }
        return queues;
    }

    /** A queue's type, its members' node names and its leader's. */
    record QueueReplicas(String type, List<String> members, String leader) {
    }

    private static void script(Duration timeout, String... args) {
        System.out.print(InfraScript.run(SCRIPT, timeout, args));
    }
}
