package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class AdminSecurityIT extends AdminApiTestBase {

    @Test
    void anAnonymousRequestIsUnauthorizedWithAProblemAndTheBasicChallenge() {
        ResponseEntity<JsonNode> anonymous = get(null, "/api/sagas");

        assertProblem(anonymous, HttpStatus.UNAUTHORIZED, "Authentication required");
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertProblem(post(null, "/api/sagas/" + UUID.randomUUID() + "/retry", null), HttpStatus.UNAUTHORIZED,
                "Authentication required");
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        ResponseEntity<JsonNode> wrong = http.withBasicAuth(OPERATOR, "guess").exchange("/api/sagas",
                HttpMethod.GET, null, JsonNode.class);

        assertProblem(wrong, HttpStatus.UNAUTHORIZED, "Authentication required");
    }

    @Test
    void aViewerReadsButMayNotAct() {
        UUID sagaId = startOrder();

        assertThat(get(VIEWER, "/api/sagas/" + sagaId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(VIEWER, "/api/definitions").getStatusCode()).isEqualTo(HttpStatus.OK);
        for (String action : new String[] {"retry", "compensate", "resume"}) {
            JsonNode problem = assertProblem(post(VIEWER, "/api/sagas/" + sagaId + "/" + action, null),
                    HttpStatus.FORBIDDEN, "Not allowed");
            assertThat(problem.get("detail").asText()).contains("operator");
        }
        assertProblem(post(VIEWER, "/api/sagas/" + ORDER_FULFILMENT, orderCreated(UUID.randomUUID()),
                idempotencyKey("viewer-start")), HttpStatus.FORBIDDEN, "Not allowed");
        assertThat(kinds(saga(sagaId))).doesNotContain("ADMIN_ACTION");
    }

    @Test
    void healthIsOpenToAll() {
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().is2xxSuccessful()).isTrue();
    }

    @Test
    void aViewerReadsTheOpenApiDescriptionAndTheSwaggerUi() {
        ResponseEntity<JsonNode> docs = get(VIEWER, "/v3/api-docs");

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody().get("paths").has("/api/sagas/{id}/retry")).isTrue();
        assertThat(docs.getBody().get("paths").has("/api/definitions/{type}")).isTrue();
        assertThat(docs.getBody().get("components").get("securitySchemes").has("basic")).isTrue();
        assertThat(as(VIEWER).getForEntity("/swagger-ui/index.html", String.class).getBody())
                .contains("Swagger UI");
        assertThat(as(VIEWER).getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful())
                .as("redirected to the UI").isTrue();
        assertThat(get(null, "/v3/api-docs").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
