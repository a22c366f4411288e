package dev.saga.orchestrator.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.amqp.RabbitProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The RabbitMQ management API of the virtual host the orchestrator is connected to, with the orchestrator's own
 * broker credentials: which parking queues exist and how deep they are, and what they hold. Reading messages
 * takes them with {@code ack_requeue_true}, so the broker puts every one of them back.
 */
@Component
class RabbitManagement {

    /** Longer bodies are cut short when read: an operator needs to recognise a message, not download it. */
    static final int BODY_LIMIT = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MANAGEMENT_PORT = 15672;
    private static final String ACCESS_REFUSED = "ACCESS_REFUSED";

    private final RestClient http;
    private final String vhost;
    private final ObjectMapper json;

    RabbitManagement(RabbitProperties rabbit, ObjectMapper json,
                     @Value("${saga.admin.management-url:}") String managementUrl) {
        String base = managementUrl.isBlank()
                ? "http://" + rabbit.determineHost() + ":" + MANAGEMENT_PORT : managementUrl;
        // Queue and vhost names are path segments: a '/' in them (the default vhost is "/") must be encoded.
        DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory(base);
        uris.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.VALUES_ONLY);
        // HTTP/1.1: the management API drops a request that asks to upgrade to HTTP/2.
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
        requests.setReadTimeout(TIMEOUT);
        this.http = RestClient.builder()
                .uriBuilderFactory(uris)
                .requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(rabbit.determineUsername(),
                        rabbit.determinePassword()))
                .build();
        String virtualHost = rabbit.determineVirtualHost();
        this.vhost = virtualHost == null || virtualHost.isBlank() ? "/" : virtualHost;
        this.json = json;
    }

    List<ParkingQueue> parkingQueues() {
        JsonNode queues = http.get().uri("/api/queues/{vhost}?columns=name,messages", vhost)
                .retrieve().body(JsonNode.class);
        List<ParkingQueue> parking = new ArrayList<>();
        for (JsonNode queue : queues == null ? List.<JsonNode>of() : queues) {
            String name = queue.path("name").asText();
            if (DeadLetterHeaders.isParkingQueue(name)) {
                parking.add(new ParkingQueue(name, DeadLetterHeaders.workQueueOf(name),
                        queue.path("messages").asLong()));
            }
        }
        parking.sort(Comparator.comparing(ParkingQueue::queue));
        return parking;
    }

    /** The queue's depth, or empty if the virtual host has no such queue. */
    Optional<Long> depth(String queue) {
        try {
            JsonNode found = http.get().uri("/api/queues/{vhost}/{queue}", vhost, queue)
                    .retrieve().body(JsonNode.class);
            return Optional.of(found == null ? 0 : found.path("messages").asLong());
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The first {@code limit} messages of the queue, which stay in it. */
    List<ParkedMessage> peek(String queue, int limit) {
        JsonNode got;
        try {
            got = http.post().uri("/api/queues/{vhost}/{queue}/get", vhost, queue)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("count", limit, "ackmode", "ack_requeue_true", "encoding", "auto",
                            "truncate", BODY_LIMIT))
                    .retrieve().body(JsonNode.class);
        } catch (RestClientResponseException e) {
            // The user may see every queue of the vhost but read only those its permissions allow.
            String reason = reasonOf(e);
            if (reason.contains(ACCESS_REFUSED)) {
                throw DeadLetterProblem.refusedByBroker(queue, reason);
            }
            throw e;
        }
        String workQueue = DeadLetterHeaders.workQueueOf(queue);
        List<ParkedMessage> messages = new ArrayList<>();
        for (JsonNode message : got == null ? List.<JsonNode>of() : got) {
            messages.add(ParkedMessage.fromManagement(message, workQueue, json));
        }
        return messages;
    }

    private String reasonOf(RestClientResponseException e) {
        try {
            return json.readTree(e.getResponseBodyAsString()).path("reason").asText("");
        } catch (JsonProcessingException notJson) {
            return e.getResponseBodyAsString();
        }
    }
}
