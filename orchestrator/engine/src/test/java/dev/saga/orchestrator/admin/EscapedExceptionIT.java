package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.OrchestratorTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An exception no handler answers is a 500 problem from the container, and the answer keeps its cause to itself. */
@Import(EscapedExceptionIT.Failing.class)
class EscapedExceptionIT extends OrchestratorTestBase {

    @RestController
    static class Failing {

        @GetMapping("/api/test/failing")
        String fail() {
            throw new IllegalStateException("internal detail the client must not see");
        }
    }

    @Test
    void anExceptionNobodyHandledIsAProblemWithoutItsCause() {
        ResponseEntity<JsonNode> response = get(VIEWER, "/api/test/failing");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody().get("title").asText()).isEqualTo("Internal Server Error");
        assertThat(response.getBody().toString()).doesNotContain("internal detail", "IllegalStateException");
    }
}
