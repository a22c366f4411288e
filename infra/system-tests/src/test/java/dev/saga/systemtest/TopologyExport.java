package dev.saga.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The topology in RabbitMQ's definitions format, reduced to what must agree between the exported file and
 * what the services declare: exchanges, queues with their arguments, and bindings.
 */
record TopologyExport(Set<String> exchanges, Map<String, Map<String, String>> queues, Set<String> bindings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TopologyExport fromFile(java.nio.file.Path file) throws IOException {
        return of(JSON.readTree(file.toFile()));
    }

    /** What the broker holds in a virtual host, read through the management API. */
    static TopologyExport fromBroker(String managementUrl, String virtualHost) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + "/api/definitions/"
                        + URLEncoder.encode(virtualHost, StandardCharsets.UTF_8)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "guest:guest".getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        return of(JSON.readTree(response.body()));
    }

    private static TopologyExport of(JsonNode definitions) {
        Set<String> exchanges = new TreeSet<>();
        definitions.path("exchanges").forEach(e -> exchanges.add(e.get("name").asText() + " "
                + e.get("type").asText() + (e.path("durable").asBoolean() ? " durable" : "")));
        Map<String, Map<String, String>> queues = new TreeMap<>();
        definitions.path("queues").forEach(q -> {
            Map<String, String> arguments = new TreeMap<>();
            q.path("arguments").properties().forEach(a -> arguments.put(a.getKey(), a.getValue().asText()));
            queues.put(q.get("name").asText(), arguments);
        });
        Set<String> bindings = new TreeSet<>();
        definitions.path("bindings").forEach(b -> bindings.add(b.get("source").asText() + " -> "
                + b.get("destination").asText() + " [" + b.get("routing_key").asText() + "]"));
        return new TopologyExport(exchanges, queues, bindings);
    }
}
