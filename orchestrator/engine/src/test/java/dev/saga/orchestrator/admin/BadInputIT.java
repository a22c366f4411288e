package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.testing.RawHttp;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Input the admin API must refuse, and how: a 4xx problem naming the field, never a 500 or Tomcat's HTML page,
 * and nothing stored. Covers a NUL in a body, a path or a query filter, requests Tomcat refuses itself, string
 * lengths, strict numbers, trailing and too deeply nested JSON, and the body size limit.
 */
class BadInputIT extends OrchestratorTestBase {

    private static final String START = "/api/sagas/" + ORDER_FULFILMENT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;

    @LocalServerPort
    private int port;

    static Stream<Arguments> badStartEvents() {
        return Stream.of(
                Arguments.of("NUL in the customer id", event("\"alice\\u0000\"", "1", "2500"), "customerId",
                        "must not contain the NUL character (U+0000)"),
                Arguments.of("customer id over 200 characters", event("\"" + "c".repeat(201) + "\"", "1", "2500"),
                        "customerId", "size must be between 0 and 200"),
                Arguments.of("negative quantity", event("\"alice\"", "-1", "2500"), "lines[0].quantity",
                        "must be greater than 0"),
                Arguments.of("negative amount", event("\"alice\"", "1", "-2500"), "amountCents",
                        "must be greater than or equal to 0"),
                Arguments.of("fractional quantity", event("\"alice\"", "1.9", "2500"), "lines[0].quantity",
                        "must be a whole number"),
                Arguments.of("quantity as a string", event("\"alice\"", "\"1\"", "2500"), "lines[0].quantity",
                        "must be a whole number"),
                Arguments.of("amount as a string", event("\"alice\"", "1", "\"2500\""), "amountCents",
                        "must be a whole number"),
                Arguments.of("customer id as a number", event("42", "1", "2500"), "customerId", "must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badStartEvents")
    void refusesABadStartEventNamingTheFieldAndStartsNothing(String title, String body, String field,
                                                              String message) {
        String key = "bad-input-" + UUID.randomUUID();
        JsonNode problem = assertProblem(start(body, key), HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST);

        assertThat(fieldsNamed(problem)).containsExactly(field);
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo(message);
        assertNothingStartedFor(key);
    }

    static Stream<Arguments> malformedBodies() {
        String event = event("\"alice\"", "1", "2500");
        return Stream.of(
                Arguments.of("garbage after the JSON", event + " x", "not valid JSON"),
                Arguments.of("a second JSON value", event + " {}", "goes on after its JSON value"),
                Arguments.of("nesting too deep", "{\"a\":".repeat(40) + "1" + "}".repeat(40),
                        "nested more than 32 levels deep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void refusesMalformedJsonSayingWhatIsWrong(String title, String body, String detail) {
        String key = "malformed-" + UUID.randomUUID();
        JsonNode problem = assertProblem(start(body, key), HttpStatus.BAD_REQUEST, "Malformed request body");

        assertThat(problem.get("detail").asText()).contains(detail);
        assertNothingStartedFor(key);
    }

    @Test
    void refusesANulInAnActionReasonNamingTheField() {
        UUID sagaId = startOrder();

        JsonNode problem = assertProblem(post(OPERATOR, "/api/sagas/" + sagaId + "/retry", "{\"reason\":\"a\\u0000\"}",
                requestedBy()), HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST);

        assertThat(fieldsNamed(problem)).containsExactly("reason");
        assertThat(kinds(saga(sagaId))).doesNotContain("ADMIN_ACTION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "step", "businessKey", "orderId"})
    void refusesANulInAQueryFilterNamingIt(String filter) {
        URI encoded = URI.create("http://127.0.0.1:" + port + "/api/sagas?size=5&" + filter + "=a%00b");
        JsonNode problem = assertProblem(as(VIEWER).exchange(encoded, HttpMethod.GET, null, JsonNode.class),
                HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST);

        assertThat(fieldsNamed(problem)).containsExactly(filter);
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("must not contain the NUL character (U+0000)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/sagas/by-key/order-fulfilment/a%00b", "/api/sagas/by-key/order-fulfilment/a%2Fb",
        "/api/sagas/a\0b", "/api/sagas/%zz", "/api/sagas/{id}", "/api/sagas?type=a\0b"})
    void answersARequestTomcatRefusesWithAProblemNotHtml(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(port, target);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asText()).contains("path");
    }

    @Test
    void refusesANulInTheIdempotencyKeyBeforeTheApplicationSeesIt() throws Exception {
        byte[] body = event("\"alice\"", "1", "2500").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(port, "POST " + START + " HTTP/1.1\r\nAuthorization: "
                + basic(OPERATOR) + "\r\nX-Requested-By: test\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nIdempotency-Key: nul-\0key", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("a NUL in a header");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_start_request WHERE idempotency_key LIKE 'nul-%'",
                Integer.class)).isZero();
    }

    @Test
    void refusesABodyLargerThanTheLimitWith413() {
        String key = "large-" + UUID.randomUUID();
        String body = "{\"orderId\":\"" + UUID.randomUUID() + "\",\"padding\":\"" + "x".repeat(LIMIT) + "\"}";

        JsonNode problem = assertProblem(start(body, key), HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large");

        assertThat(problem.get("maxBytes").asLong()).isEqualTo(LIMIT);
        assertNothingStartedFor(key);
    }

    @Test
    void refusesAChunkedBodyLargerThanTheLimitWith413() throws Exception {
        byte[] body = ("{\"padding\":\"" + "x".repeat(LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + START))
                        .header("Authorization", basic(OPERATOR)).header("X-Requested-By", "test")
                        .header("Idempotency-Key", "chunked-" + UUID.randomUUID())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Request body too large");
    }

    private ResponseEntity<JsonNode> start(String body, String key) {
        HttpHeaders headers = requestedBy();
        headers.set("Idempotency-Key", key);
        return post(OPERATOR, START, body, headers);
    }

    private static HttpHeaders requestedBy() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Requested-By", "test");
        return headers;
    }

    private void assertNothingStartedFor(String key) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_start_request WHERE idempotency_key = ?",
                Integer.class, key)).isZero();
    }

    /** An {@code OrderCreated} body with the three values as raw JSON. */
    private static String event(String customerId, String quantity, String amount) {
        return "{\"orderId\":\"" + UUID.randomUUID() + "\",\"customerId\":" + customerId + ",\"lines\":[{\"sku\":"
                + "\"SKU-BOOK\",\"quantity\":" + quantity + "}],\"amountCents\":" + amount + "}";
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pass")
                .getBytes(StandardCharsets.UTF_8));
    }
}
