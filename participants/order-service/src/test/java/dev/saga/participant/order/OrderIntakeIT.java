package dev.saga.participant.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.messaging.IncomingMessage;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class OrderIntakeIT extends OrderServiceTestBase {

    @Test
    void placesAPendingOrderPricedFromTheCatalogAndAnnouncesIt() {
        String customer = "alice-" + UUID.randomUUID();
        ResponseEntity<JsonNode> response = post("""
                {"customerId":"%s","lines":[{"sku":"SKU-BOOK","quantity":2},{"sku":"SKU-MUG","quantity":1}]}"""
                .formatted(customer));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String orderId = response.getBody().get("orderId").asText();
        assertThat(response.getHeaders().getLocation()).hasPath("/orders/" + orderId);
        assertThat(response.getBody().get("status").asText()).isEqualTo("PENDING");
        assertThat(response.getBody().get("amountCents").asLong()).isEqualTo(2 * 2500 + 1200);

        JsonNode stored = http.getForObject("/orders/" + orderId, JsonNode.class);
        assertThat(stored.get("customerId").asText()).isEqualTo(customer);
        assertThat(stored.get("status").asText()).isEqualTo("PENDING");
        assertThat(stored.get("rejectionReason").isNull()).isTrue();
        assertThat(stored.get("lines")).hasSize(2);
        assertThat(stored.get("amountCents").asLong()).isEqualTo(6200);

        IncomingMessage event = orderEvents.awaitOne(m -> createdFor(m, customer));
        assertThat(event.envelope().type()).isEqualTo("order.OrderCreated");
        assertThat(event.payloadAs(OrderCreated.class)).isEqualTo(new OrderCreated(UUID.fromString(orderId),
                customer, List.of(new OrderLine("SKU-BOOK", 2), new OrderLine("SKU-MUG", 1)), 6200));
    }

    static Stream<Arguments> invalidOrders() {
        return Stream.of(
                Arguments.of("blank customer", "   ", "[{\"sku\":\"SKU-BOOK\",\"quantity\":1}]",
                        "customerId", "must not be blank"),
                Arguments.of("no lines", marked(), "[]", "lines", "must not be empty"),
                Arguments.of("quantity zero", marked(), "[{\"sku\":\"SKU-BOOK\",\"quantity\":0}]",
                        "lines[0].quantity", "must be greater than or equal to 1"),
                Arguments.of("unknown SKU", marked(),
                        "[{\"sku\":\"SKU-BOOK\",\"quantity\":1},{\"sku\":\"NOPE\",\"quantity\":1}]",
                        "lines[1].sku", "unknown SKU 'NOPE'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOrders")
    void refusesAnInvalidOrderNamingTheFieldAndStoresNothing(String title, String customer, String lines,
                                                             String field, String message) {
        ResponseEntity<JsonNode> response = post("""
                {"customerId":"%s","lines":%s}""".formatted(customer, lines));

        assertProblem(response, "Invalid order");
        assertThat(response.getBody().get("errors")).hasSize(1);
        assertThat(response.getBody().at("/errors/0/field").asText()).isEqualTo(field);
        assertThat(response.getBody().at("/errors/0/message").asText()).isEqualTo(message);
        assertNothingStoredOrAnnouncedFor(customer);
    }

    static Stream<Arguments> notStrictlyValidBodies() {
        String book = "[{\"sku\":\"SKU-BOOK\",\"quantity\":1}]";
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        return Stream.of(
                Arguments.of("NUL in the customer id", "{\"customerId\":\"%s\\u0000\",\"lines\":" + book + "}",
                        "Invalid order", "customerId", "must not contain the NUL character (U+0000)"),
                Arguments.of("NUL in a SKU", "{\"customerId\":\"%s\",\"lines\":[{\"sku\":\"SKU-\\u0000\","
                        + "\"quantity\":1}]}", "Invalid order", "lines[0].sku", "NUL"),
                Arguments.of("customer id over 200 characters", "{\"customerId\":\"%s" + "x".repeat(200)
                        + "\",\"lines\":" + book + "}", "Invalid order", "customerId",
                        "size must be between 0 and 200"),
                Arguments.of("SKU over 100 characters", "{\"customerId\":\"%s\",\"lines\":[{\"sku\":\""
                        + "S".repeat(101) + "\",\"quantity\":1}]}", "Invalid order", "lines[0].sku", "size"),
                Arguments.of("fractional quantity", quantity("1.9"), "Invalid order", "lines[0].quantity",
                        "must be a whole number"),
                Arguments.of("quantity as a string", quantity("\"1\""), "Invalid order", "lines[0].quantity",
                        "must be a whole number"),
                Arguments.of("quantity beyond an int", quantity("10000000000"), "Invalid order", "lines[0].quantity",
                        ""),
                Arguments.of("customer id as a number", "{\"customerId\":7,\"x\":\"%s\",\"lines\":" + book + "}",
                        "Invalid order", "customerId", "must be a string"),
                Arguments.of("garbage after the JSON", "{\"customerId\":\"%s\",\"lines\":" + book + "} x",
                        "Malformed request body", null, "not valid JSON"),
                Arguments.of("a second JSON value", "{\"customerId\":\"%s\",\"lines\":" + book + "} {}",
                        "Malformed request body", null, "goes on after its JSON value"),
                Arguments.of("nesting too deep", "{\"customerId\":\"%s\",\"lines\":" + book + ",\"note\":" + deep
                        + "}", "Malformed request body", null, "nested more than 32 levels deep"),
                Arguments.of("an array for a body", "[\"%s\"]", "Invalid order", "body", "must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notStrictlyValidBodies")
    void refusesABodyThatIsNotStrictlyValidNamingWhatIsWrong(String title, String body, String problemTitle,
                                                             String field, String message) {
        String customer = marked();
        JsonNode problem = assertProblem(post(body.formatted(customer)), problemTitle);

        if (field == null) {
            assertThat(problem.get("detail").asText()).contains(message);
        } else {
            assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
            assertThat(problem.at("/errors/0/message").asText()).contains(message);
        }
        assertNothingStoredOrAnnouncedFor(customer);
    }

    private static String quantity(String value) {
        return "{\"customerId\":\"%s\",\"lines\":[{\"sku\":\"SKU-BOOK\",\"quantity\":" + value + "}]}";
    }

    @Test
    void refusesMalformedJsonAsAProblem() {
        String customer = marked();
        ResponseEntity<JsonNode> response = post("""
                {"customerId":"%s","lines":[{"sku":SKU-BOOK,"quantity":1}]}""".formatted(customer));

        assertProblem(response, "Malformed request body");
        assertNothingStoredOrAnnouncedFor(customer);
    }

    @Test
    void namesTheFieldOfAValueOfTheWrongType() {
        String customer = marked();
        ResponseEntity<JsonNode> response = post("""
                {"customerId":"%s","lines":[{"sku":"SKU-BOOK","quantity":"many"}]}""".formatted(customer));

        assertProblem(response, "Invalid order");
        assertThat(response.getBody().at("/errors/0/field").asText()).isEqualTo("lines[0].quantity");
        assertNothingStoredOrAnnouncedFor(customer);
    }

    @Test
    void answersAnUnknownOrderWithANotFoundProblem() {
        ResponseEntity<JsonNode> response = http.getForEntity("/orders/" + UUID.randomUUID(), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("title").asText()).isEqualTo("Order not found");
    }

    private ResponseEntity<JsonNode> post(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.postForEntity("/orders", new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static JsonNode assertProblem(ResponseEntity<JsonNode> response, String title) {
        return assertProblem(response, HttpStatus.BAD_REQUEST, title);
    }

    /**
     * No order row and no outbox row for the customer; and since the relay publishes the outbox in order, once a
     * later valid order's event arrived, no event for the refused one can still be on its way.
     */
    private void assertNothingStoredOrAnnouncedFor(String customer) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customer))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE body::jsonb ->> 'customerId' = ?",
                Integer.class, customer)).isZero();

        String later = "later-" + UUID.randomUUID();
        assertThat(post("""
                {"customerId":"%s","lines":[{"sku":"SKU-MUG","quantity":1}]}""".formatted(later)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        orderEvents.awaitOne(m -> createdFor(m, later));
        assertThat(orderEvents.matching(m -> createdFor(m, customer))).isEmpty();
    }

    private static boolean createdFor(IncomingMessage message, String customer) {
        return message.payload() instanceof OrderCreated created && created.customerId().equals(customer);
    }

    private static String marked() {
        return "refused-" + UUID.randomUUID();
    }
}
