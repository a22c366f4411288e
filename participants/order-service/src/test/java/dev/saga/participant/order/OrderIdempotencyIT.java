package dev.saga.participant.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.order.OrderCreated;
import dev.saga.messaging.IncomingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class OrderIdempotencyIT extends OrderServiceTestBase {

    @Test
    void theSameKeyAndOrderPlaceOneOrderAndAnswerWithItAgain() {
        String customer = "dora-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();

        ResponseEntity<JsonNode> first = place(book(customer), key);
        ResponseEntity<JsonNode> again = place("""
                { "customerId" : "%s",
                  "lines" : [ { "sku" : "SKU-BOOK", "quantity" : 2 } ] }""".formatted(customer), key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).as("the same order, written differently").isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("orderId")).isEqualTo(first.getBody().get("orderId"));
        assertThat(again.getBody().get("amountCents").asLong()).isEqualTo(5000);
        assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertOneOrderAnnouncedFor(customer);
    }

    @Test
    void refusesTheSameKeyWithAnotherOrder() {
        String customer = "erin-" + UUID.randomUUID();
        String key = "reused-" + UUID.randomUUID();
        String placed = place(book(customer), key).getBody().get("orderId").asText();

        JsonNode problem = assertProblem(place(book(customer).replace("\"quantity\":2", "\"quantity\":3"), key),
                HttpStatus.CONFLICT, "Idempotency-Key reused");

        assertThat(problem.get("detail").asText()).contains(key, "different order");
        assertThat(problem.get("detail").asText()).as("tells nothing of the other order").doesNotContain(placed);
        assertThat(problem.get("idempotencyKey").asText()).isEqualTo(key);
        assertOneOrderAnnouncedFor(customer);
    }

    @Test
    void concurrentRequestsWithOneKeyPlaceOneOrder() throws Exception {
        String customer = "fay-" + UUID.randomUUID();
        String key = "race-" + UUID.randomUUID();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return place(book(customer), key);
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        List<HttpStatus> statuses = answers.stream().map(a -> HttpStatus.valueOf(a.join().getStatusCode().value()))
                .toList();
        assertThat(statuses).containsOnlyOnce(HttpStatus.CREATED).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
        assertThat(answers.stream().map(a -> a.join().getBody().get("orderId").asText()).distinct()).hasSize(1);
        assertOneOrderAnnouncedFor(customer);
    }

    @Test
    void aRefusedOrderDoesNotKeepItsKey() {
        String customer = "gus-" + UUID.randomUUID();
        String key = "fixed-" + UUID.randomUUID();

        assertProblem(place(book(customer).replace("SKU-BOOK", "SKU-NONE"), key), HttpStatus.BAD_REQUEST,
                "Invalid order");

        assertThat(place(book(customer), key).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void withoutAKeyEveryRequestIsANewOrder() {
        String customer = "hal-" + UUID.randomUUID();

        String first = postJson("/orders", book(customer), new HttpHeaders()).getBody().get("orderId").asText();
        String second = postJson("/orders", book(customer), new HttpHeaders()).getBody().get("orderId").asText();

        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customer))
                .isEqualTo(2);
    }

    @Test
    void refusesABlankOrOverlongKeyNamingTheHeader() {
        for (String key : List.of(" ", "k".repeat(201))) {
            JsonNode problem = assertProblem(place(book("ivy-" + UUID.randomUUID()), key), HttpStatus.BAD_REQUEST,
                    "Invalid order");
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id LIKE 'ivy-%'", Integer.class))
                .isZero();
    }

    private ResponseEntity<JsonNode> place(String body, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", key);
        return postJson("/orders", body, headers);
    }

    private static String book(String customer) {
        return """
                {"customerId":"%s","lines":[{"sku":"SKU-BOOK","quantity":2}]}""".formatted(customer);
    }

    /**
     * One order row and one {@code OrderCreated} for the customer; since the relay publishes the outbox in order,
     * once a later order's event arrived, no second event for this customer can still be on its way.
     */
    private void assertOneOrderAnnouncedFor(String customer) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customer))
                .isEqualTo(1);
        orderEvents.awaitOne(m -> createdFor(m, customer));
        String later = "later-" + UUID.randomUUID();
        postJson("/orders", book(later), new HttpHeaders());
        orderEvents.awaitOne(m -> createdFor(m, later));
        assertThat(orderEvents.matching(m -> createdFor(m, customer))).hasSize(1);
    }

    private static boolean createdFor(IncomingMessage message, String customer) {
        return message.payload() instanceof OrderCreated created && created.customerId().equals(customer);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
