package dev.saga.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message counts of the bench vhost from the RabbitMQ management API. The broker samples its counters every
 * few seconds (collect_statistics_interval), so a rate over a window is taken from the broker's own timestamped
 * samples ({@code msg_rates_age}), not from two totals read at arbitrary moments.
 */
final class RabbitStats {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints endpoints;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RabbitStats(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Messages published into the vhost per second between the two moments (epoch millis), from samples. */
    double publishRate(long fromMillis, long toMillis) {
        long age = (System.currentTimeMillis() - fromMillis) / 1000 + 15;
        JsonNode samples = get("/api/vhosts/" + vhost() + "?msg_rates_age=" + age + "&msg_rates_incr=5")
                .path("message_stats").path("publish_details").path("samples");
        JsonNode first = null;
        JsonNode last = null;
        for (JsonNode sample : samples) {
            long at = sample.path("timestamp").asLong();
            if (at >= fromMillis && at <= toMillis) {
                if (first == null || at < first.path("timestamp").asLong()) {
                    first = sample;
                }
                if (last == null || at > last.path("timestamp").asLong()) {
                    last = sample;
                }
            }
        }
        if (first == null || last == null || first == last) {
            return Double.NaN;
        }
        return (last.path("sample").asDouble() - first.path("sample").asDouble())
                / ((last.path("timestamp").asLong() - first.path("timestamp").asLong()) / 1000.0);
    }

    /** Messages published so far into each exchange of the vhost ({@code publish_in}). */
    Map<String, Long> publishedByExchange() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JsonNode exchange : get("/api/exchanges/" + vhost())) {
            String name = exchange.path("name").asText();
            long published = exchange.path("message_stats").path("publish_in").asLong(0);
            if (!name.isEmpty() && !name.startsWith("amq.")) {
                counts.put(name, published);
            }
        }
        return counts;
    }

    /**
     * Whether a consumer is subscribed to the queue, from the broker's consumer list (registered as it
     * subscribes, not at the next statistics sample).
     */
    boolean hasConsumer(String queue) {
        for (JsonNode consumer : get("/api/consumers/" + vhost())) {
            if (consumer.path("queue").path("name").asText().equals(queue)) {
                return true;
            }
        }
        return false;
    }

    long publishedTotal() {
        return get("/api/vhosts/" + vhost()).path("message_stats").path("publish").asLong(0);
    }

    /** Messages in the queue now (ready and unacknowledged); 0 when the vhost has no such queue. */
    long queueDepth(String queue) {
        return get("/api/queues/" + vhost() + "/" + URLEncoder.encode(queue, StandardCharsets.UTF_8))
                .path("messages").asLong(0);
    }

    void deleteQueue(String queue) {
        send("DELETE", "/api/queues/" + vhost() + "/" + URLEncoder.encode(queue, StandardCharsets.UTF_8));
    }

    private String vhost() {
        return URLEncoder.encode(endpoints.vhost(), StandardCharsets.UTF_8);
    }

    private JsonNode get(String path) {
        try {
            return JSON.readTree(send("GET", path));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable management API answer for " + path, e);
        }
    }

    private String send(String method, String path) {
        String auth = endpoints.amqpUser() + ":" + endpoints.amqpPassword();
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.managementUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        auth.getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && response.statusCode() != 404) {
                throw new IllegalStateException(method + " " + path + " -> HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ management API unreachable at " + endpoints.managementUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
