package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Failed logins throttled per user name and client address, and verified logins believed for a while: three
 * failures within four seconds refuse the pair, and the password hash is counted through the encoder bean.
 */
@TestPropertySource(properties = {"saga.admin.login-throttle.max-failures=3", "saga.admin.login-throttle.window=4s",
    "saga.admin.credential-cache.ttl=1h"})
class AdminLoginIT extends OrchestratorTestBase {

    /** Another loopback address: the same machine, but another client address to the server. */
    private static final String ELSEWHERE = "127.0.0.2";

    @MockitoSpyBean
    private PasswordEncoder adminPasswordEncoder;
    @LocalServerPort
    private int port;

    @Test
    void afterTooManyFailuresAPairIsRefusedWith429UntilTheWindowClosesWithoutCheckingThePassword() {
        for (int i = 0; i < 3; i++) {
            assertProblem(login(OPERATOR, "guess-" + i), HttpStatus.UNAUTHORIZED, "Authentication required");
        }
        clearInvocations(adminPasswordEncoder);

        ResponseEntity<JsonNode> refused = login(OPERATOR, OPERATOR + "-pass");

        JsonNode problem = assertProblem(refused, HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins");
        long retryAfter = Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 4L);
        assertThat(problem.get("detail").asText()).contains("operator", "try again in " + retryAfter + " s");
        assertThat(problem.get("retryAt").asText()).isNotBlank();
        verify(adminPasswordEncoder, never()).matches(any(), anyString());

        assertThat(statusFrom(ELSEWHERE, OPERATOR, OPERATOR + "-pass")).as("the operator elsewhere").isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(login(OPERATOR, OPERATOR + "-pass").getStatusCode()).isEqualTo(HttpStatus.OK));
    }

    @Test
    void failuresFromElsewhereDoNotRefuseTheSameUserHere() {
        for (int i = 0; i < 4; i++) {
            assertThat(statusFrom(ELSEWHERE, VIEWER, "guess-" + i)).isIn(401, 429);
        }
        assertThat(statusFrom(ELSEWHERE, VIEWER, VIEWER + "-pass")).isEqualTo(429);

        assertThat(login(VIEWER, VIEWER + "-pass").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aVerifiedLoginIsNotHashedAgainOnEveryRequestButAWrongPasswordAlwaysIs() {
        clearInvocations(adminPasswordEncoder);
        for (int i = 0; i < 5; i++) {
            assertThat(get(VIEWER, "/api/sagas?size=1").getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        verify(adminPasswordEncoder, atMost(1)).matches(any(), anyString());

        clearInvocations(adminPasswordEncoder);
        assertProblem(login(VIEWER, VIEWER + "-pass-not"), HttpStatus.UNAUTHORIZED, "Authentication required");
        assertProblem(login(VIEWER, VIEWER + "-pas"), HttpStatus.UNAUTHORIZED, "Authentication required");
        verify(adminPasswordEncoder, times(2)).matches(any(), anyString());
        assertThat(get(VIEWER, "/api/sagas?size=1").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> login(String user, String password) {
        return http.withBasicAuth(user, password).exchange("/api/sagas?size=1", HttpMethod.GET, null,
                JsonNode.class);
    }

    /** The status of a GET with the login sent from {@code localAddress}, over a plain socket bound to it. */
    private int statusFrom(String localAddress, String user, String password) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            String login = Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/sagas?size=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + login
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
        } catch (IOException e) {
            throw new IllegalStateException("no answer from port " + port + " to " + localAddress, e);
        }
    }
}
