package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class SagaStartIT extends OrchestratorTestBase {

    private static final String START = "/api/sagas/" + ORDER_FULFILMENT;

    @Test
    void startsASagaFromItsStartEventAndSendsItsFirstCommand() {
        UUID orderId = UUID.randomUUID();

        ResponseEntity<JsonNode> started = post(OPERATOR, START, orderCreated(orderId),
                idempotencyKey("k-" + orderId));

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = started.getBody().get("id").asText();
        assertThat(started.getHeaders().getLocation()).hasPath("/api/sagas/" + id);
        assertThat(started.getBody().get("businessKey").asText()).isEqualTo(orderId.toString());
        assertThat(started.getBody().get("state").asText()).isEqualTo("reserve-stock");
        IncomingMessage command = commands.awaitOne(m -> id.equals(String.valueOf(m.envelope().sagaId())));
        assertThat(command.envelope().type()).isEqualTo("inventory.ReserveStock");
    }

    @Test
    void theSameIdempotencyKeyStartsOneSaga() {
        UUID orderId = UUID.randomUUID();
        HttpHeaders key = idempotencyKey("once-" + orderId);

        ResponseEntity<JsonNode> first = post(OPERATOR, START, orderCreated(orderId), key);
        ResponseEntity<JsonNode> again = post(OPERATOR, START, orderCreated(orderId),
                idempotencyKey("once-" + orderId));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().get("id")).isEqualTo(first.getBody().get("id"));
        assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga WHERE business_key = ?", Integer.class,
                orderId.toString())).isEqualTo(1);
        assertThat(kinds(again.getBody())).containsExactly("SAGA_STARTED", "COMMAND_SENT");
    }

    @Test
    void refusesAnIdempotencyKeyUsedForAnotherRequest() {
        UUID orderId = UUID.randomUUID();
        post(OPERATOR, START, orderCreated(orderId), idempotencyKey("reused-" + orderId));
        Map<String, Object> other = orderCreated(orderId);
        other.put("amountCents", 9900);

        JsonNode problem = assertProblem(post(OPERATOR, START, other, idempotencyKey("reused-" + orderId)),
                HttpStatus.CONFLICT, "Action refused");

        assertThat(problem.get("detail").asText()).contains("reused-" + orderId, "different OrderCreated");
    }

    @Test
    void refusesASecondSagaForTheSameOrder() {
        UUID orderId = UUID.randomUUID();
        UUID sagaId = startOrder(orderId);

        JsonNode problem = assertProblem(post(OPERATOR, START, orderCreated(orderId), idempotencyKey("new-key")),
                HttpStatus.CONFLICT, "Action refused");

        assertThat(problem.get("detail").asText()).contains("exists already", sagaId.toString());
        assertThat(kinds(saga(sagaId))).doesNotContain("START_IGNORED");
        ResponseEntity<JsonNode> retried = post(OPERATOR, START, orderCreated(UUID.randomUUID()),
                idempotencyKey("new-key"));
        assertThat(retried.getStatusCode()).as("the refused key was not kept").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void refusesABodyThatIsNotAValidStartEventNamingTheFields() {
        Map<String, Object> missing = orderCreated(UUID.randomUUID());
        missing.remove("customerId");
        missing.remove("amountCents");
        missing.put("lines", List.of(Map.of("sku", "SKU-BOOK")));
        assertThat(fieldsNamed(assertProblem(post(OPERATOR, START, missing, idempotencyKey("bad-1")),
                HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST)))
                .containsExactly("customerId", "lines[0].quantity", "amountCents");

        Map<String, Object> wrongType = orderCreated(UUID.randomUUID());
        wrongType.put("orderId", "not-a-uuid");
        JsonNode problem = assertProblem(post(OPERATOR, START, wrongType, idempotencyKey("bad-2")),
                HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST);
        assertThat(fieldsNamed(problem)).containsExactly("orderId");
        assertThat(problem.get("detail").asText()).contains("OrderCreated");

        Map<String, Object> unknownField = orderCreated(UUID.randomUUID());
        unknownField.put("colour", "red");
        assertThat(fieldsNamed(assertProblem(post(OPERATOR, START, unknownField, idempotencyKey("bad-3")),
                HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST))).containsExactly("colour");

        assertProblem(post(OPERATOR, START, "{\"orderId\":", idempotencyKey("bad-4")), HttpStatus.BAD_REQUEST,
                "Malformed request body");
        assertThat(fieldsNamed(assertProblem(post(OPERATOR, START, List.of(1, 2), idempotencyKey("bad-5")),
                HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST))).containsExactly("body");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_start_request WHERE idempotency_key LIKE 'bad-%'",
                Integer.class)).isZero();
    }

    @Test
    void requiresAnIdempotencyKey() {
        assertThat(fieldsNamed(assertProblem(post(OPERATOR, START, orderCreated(UUID.randomUUID())),
                HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST))).containsExactly("Idempotency-Key");
        assertThat(fieldsNamed(assertProblem(post(OPERATOR, START, orderCreated(UUID.randomUUID()),
                idempotencyKey(" ")), HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST)))
                .containsExactly("Idempotency-Key");
    }

    @Test
    void answersNotFoundForAnUnknownSagaType() {
        JsonNode problem = assertProblem(post(OPERATOR, "/api/sagas/space-travel", orderCreated(UUID.randomUUID()),
                idempotencyKey("k")), HttpStatus.NOT_FOUND, "Unknown saga type");

        assertThat(problem.get("detail").asText()).contains("space-travel");
    }
}
