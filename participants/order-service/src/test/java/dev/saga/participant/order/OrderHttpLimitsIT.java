package dev.saga.participant.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.testing.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * What the order API answers before any controller runs: requests Tomcat refuses itself, and bodies over the
 * size limit. Each answer is a problem, never Tomcat's HTML page, and nothing is stored.
 */
class OrderHttpLimitsIT extends OrderServiceTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;

    @LocalServerPort
    private int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/orders/a%2Fb", "/orders/%00", "/orders/a\0b", "/orders/%zz", "/orders/{id}",
        "/orders/x?q=a\0b"})
    void answersARequestTomcatRefusesWithAProblem(String target) throws Exception {
        RawHttp.Response response = RawHttp.get(port, target);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asText()).contains("path");
    }

    @Test
    void answersANulInTheIdempotencyKeyWithAProblem() throws Exception {
        String customer = "nul-key-" + UUID.randomUUID();
        byte[] body = ("{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"SKU-BOOK\",\"quantity\":1}]}")
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Response response = RawHttp.send(port, "POST /orders HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + body.length + "\r\nIdempotency-Key: a\0b", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("a NUL in a header");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customer))
                .isZero();
    }

    @Test
    void refusesABodyDeclaredLargerThanTheLimitBeforeReadingIt() throws Exception {
        RawHttp.Response response = RawHttp.send(port, "POST /orders HTTP/1.1\r\nContent-Type: application/json"
                + "\r\nExpect: 100-continue\r\nContent-Length: " + 10 * 1024 * 1024, new byte[0]);

        assertTooLarge(response.status(), response.contentType(), response.body());
    }

    @Test
    void refusesAChunkedBodyLargerThanTheLimitAndStoresNothing() throws Exception {
        String customer = "huge-" + UUID.randomUUID();
        byte[] body = ("{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"SKU-BOOK\",\"quantity\":1}],"
                + "\"note\":\"" + "x".repeat(LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE customer_id = ?", Integer.class, customer))
                .isZero();
    }

    @Test
    void acceptsABodyJustUnderTheLimit() {
        String customer = "padded-" + UUID.randomUUID();
        String start = "{\"customerId\":\"" + customer + "\",\"lines\":[{\"sku\":\"SKU-BOOK\",\"quantity\":1}],"
                + "\"note\":\"";
        String body = start + "x".repeat(LIMIT - start.length() - 2) + "\"}";

        assertThat(postJson("/orders", body, new HttpHeaders()).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void refusesANulInTheCancellationReasonNamingTheField() {
        assertThat(postJson("/orders/" + UUID.randomUUID() + "/cancellation", "{\"reason\":\"a\\u0000\"}",
                new HttpHeaders()).getBody().at("/errors/0/field").asText()).isEqualTo("reason");
    }

    private static void assertTooLarge(int status, String contentType, String body) throws Exception {
        assertThat(status).isEqualTo(413);
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("title").asText()).isEqualTo("Request body too large");
        assertThat(problem.get("maxBytes").asLong()).isEqualTo(LIMIT);
    }
}
