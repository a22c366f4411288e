package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.saga.contract.Contracts;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.MessageRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Drives a running system as a customer would (orders over HTTP) and reads what became of each order. */
final class Shop {

    static final String FULFILMENT = "order-fulfilment";
    static final String CANCELLATION = "order-cancellation";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(JSON,
            MessageRegistry.of(Contracts.ORDER_MESSAGES));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RunningSystem system;
    private final String orderServiceUrl;

    Shop(RunningSystem system, String orderServiceUrl) {
        this.system = system;
        this.orderServiceUrl = orderServiceUrl;
    }

    Shop(RunningSystem system) {
        this(system, system.orderServiceUrl());
    }

    UUID placeOrder(String customer, String sku, int quantity) {
        try {
            String body = JSON.writeValueAsString(Map.of("customerId", customer,
                    "lines", List.of(Map.of("sku", sku, "quantity", quantity))));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(orderServiceUrl + "/orders"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return UUID.fromString(JSON.readTree(response.body()).get("orderId").asText());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Order service at " + orderServiceUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Order {@code i} of a stream that runs both main paths: every fourth asks for a SKU that is never in stock and
     * is compensated, the others complete.
     */
    UUID placeOrderOfMix(int i) {
        return placeOrder(i % 2 == 0 ? "carol" : "bob", i % 4 == 0 ? "SKU-RARE" : "SKU-MUG", 1);
    }

    /** The status code of the service's {@code /actuator/health}: 200 while it is UP. */
    static int healthStatus(String serviceUrl) throws java.io.IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Publishes a message as a producer of the system would, e.g. a duplicate. */
    void publish(String exchange, String routingKey, Envelope envelope, Object payload) {
        system.rabbit().send(exchange, routingKey, CODEC.toAmqp(envelope, CODEC.payloadJson(payload)));
    }

    /**
     * Publishes a message exactly as stored (envelope JSON and body) as the service that stored it, logged in
     * as its broker user, e.g. a reply kept in an inbox.
     */
    void publishRawAs(String service, String exchange, String routingKey, String envelopeJson, String body) {
        try {
            Envelope envelope = JsonMapper.builder().findAndAddModules().build().readValue(envelopeJson,
                    Envelope.class);
            system.rabbitAs(service).send(exchange, routingKey, CODEC.toAmqp(envelope, body));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable envelope " + envelopeJson, e);
        }
    }

    void awaitSaga(UUID order, String status, Duration within) {
        await().atMost(within).untilAsserted(() -> assertThat(sagaStatus(order)).as("saga of " + order)
                .isEqualTo(status));
    }

    void awaitSaga(UUID order, String status) {
        awaitSaga(order, status, Duration.ofSeconds(30));
    }

    /** The status of the order's order-fulfilment saga, NONE before it started. */
    String sagaStatus(UUID order) {
        return sagaStatus(FULFILMENT, order);
    }

    String sagaStatus(String sagaType, UUID order) {
        return db().query("SELECT status FROM orchestrator.saga WHERE type = ? AND business_key = ?",
                (rs, i) -> rs.getString(1), sagaType, order.toString()).stream().findFirst().orElse("NONE");
    }

    /** Asks the order service to cancel the order; returns the HTTP status and the response body. */
    HttpResponse<String> cancelOrder(UUID order, String reason) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(orderServiceUrl + "/orders/" + order + "/cancellation"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("reason", reason))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Order service at " + orderServiceUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void awaitCancellation(UUID order, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sagaStatus(CANCELLATION, order))
                .as("cancellation saga of " + order).isEqualTo(status));
    }

    String orderStatus(UUID order) {
        return scalar("SELECT status FROM orders.orders WHERE id = ?", order);
    }

    /** The message types of the order-fulfilment saga's timeline entries of one kind, in order. */
    List<String> timeline(UUID order, String kind) {
        return timeline(FULFILMENT, order, kind);
    }

    List<String> timeline(String sagaType, UUID order, String kind) {
        return db().queryForList("""
                SELECT t.message_type FROM orchestrator.saga_timeline t JOIN orchestrator.saga s ON s.id = t.saga_id
                WHERE s.type = ? AND s.business_key = ? AND t.kind = ? ORDER BY t.id""", String.class, sagaType,
                order.toString(), kind);
    }

    List<String> timelineKinds(UUID order) {
        return db().queryForList("""
                SELECT t.kind FROM orchestrator.saga_timeline t JOIN orchestrator.saga s ON s.id = t.saga_id
                WHERE s.type = ? AND s.business_key = ? ORDER BY t.id""", String.class, FULFILMENT, order.toString());
    }

    String scalar(String sql, Object arg) {
        return db().queryForObject(sql, String.class, arg);
    }

    private JdbcTemplate db() {
        return system.database();
    }
}
