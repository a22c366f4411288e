package dev.saga.orchestrator.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An operator's signal decides a waiting step over the admin API: operators only, once per idempotency key, refused
 * with the reason when the saga does not wait for it, and with the field named when its body does not fit.
 */
@Import(ReviewedOrders.class)
@DirtiesContext // its own definitions: closed after the class, so its listeners do not outlive it
class SagaSignalsIT extends OrchestratorTestBase {

    private static final Map<String, Object> APPROVAL = Map.of("reviewer", "carol", "note", "known customer");

    private UUID waitingForReview() {
        UUID orderId = UUID.randomUUID();
        ResponseEntity<JsonNode> started = post(OPERATOR, "/api/sagas/" + ReviewedOrders.TYPE, orderCreated(orderId),
                idempotencyKey("review-" + orderId));
        assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(started.getBody().path("state").asText()).isEqualTo("review");
        // What the console offers: the waiting step's signals, as the saga's position lists them.
        JsonNode position = started.getBody().path("positions").get(0);
        assertThat(position.path("kind").asText()).isEqualTo("WAIT");
        assertThat(position.path("signals").toString()).isEqualTo("[\"approve\",\"reject\"]");
        return UUID.fromString(started.getBody().get("id").asText());
    }

    private ResponseEntity<JsonNode> signal(String user, UUID sagaId, String name, Object body, String key) {
        return post(user, "/api/sagas/" + sagaId + "/signals/" + name, body, idempotencyKey(key));
    }

    @Test
    void anApprovalMovesTheSagaOnAndTheTimelineSaysWhoSentIt() {
        UUID sagaId = waitingForReview();

        ResponseEntity<JsonNode> signalled = signal(OPERATOR, sagaId, "approve", APPROVAL, "approve-1");

        assertThat(signalled.getStatusCode()).as("%s", signalled.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(signalled.getBody().path("state").asText()).isEqualTo("approve-order");
        assertThat(kinds(saga(sagaId))).contains("STEP_WAITING", "SIGNAL_RECEIVED", "COMMAND_SENT");
        assertThat(saga(sagaId).path("timeline").findValuesAsText("detail"))
                .contains("signal approve by " + OPERATOR + ": SUCCEEDED");
    }

    @Test
    void aViewerMayNotSignal() {
        UUID sagaId = waitingForReview();

        assertThat(signal(VIEWER, sagaId, "approve", APPROVAL, "viewer-1").getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(sagas.find(sagaId).orElseThrow().machineState()).isEqualTo("review");
    }

    @Test
    void theSameIdempotencyKeyTwiceHasNoSecondEffect() {
        UUID sagaId = waitingForReview();
        signal(OPERATOR, sagaId, "approve", APPROVAL, "twice");
        long version = sagas.find(sagaId).orElseThrow().version();

        ResponseEntity<JsonNode> again = signal(OPERATOR, sagaId, "approve", APPROVAL, "twice");

        assertThat(again.getStatusCode()).as("%s", again.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(sagas.find(sagaId).orElseThrow().version()).as("saga version after the repeat").isEqualTo(version);
        assertThat(kinds(saga(sagaId)).stream().filter("SIGNAL_RECEIVED"::equals)).hasSize(1);
    }

    @Test
    void aSagaThatIsNotWaitingForTheSignalAnswersConflictWithTheReason() {
        UUID sagaId = waitingForReview();
        signal(OPERATOR, sagaId, "approve", APPROVAL, "first");

        ResponseEntity<JsonNode> late = signal(OPERATOR, sagaId, "reject", APPROVAL, "second");

        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(late.getBody().path("detail").asText())
                .contains("saga is at approve-order, which does not wait for a signal");
    }

    @Test
    void aSignalNoStepWaitsForIsNotFound() {
        UUID sagaId = waitingForReview();

        ResponseEntity<JsonNode> unknown = signal(OPERATOR, sagaId, "escalate", APPROVAL, "unknown-1");

        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("detail").asText()).contains("waits for signal 'escalate'")
                .contains("[approve, reject]");
    }

    @Test
    void aBodyThatDoesNotFitIsRefusedNamingTheField() {
        UUID sagaId = waitingForReview();

        ResponseEntity<JsonNode> bad = signal(OPERATOR, sagaId, "approve", Map.of("note", "no reviewer"), "bad-1");

        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody().toString()).contains("reviewer");
        assertThat(sagas.find(sagaId).orElseThrow().machineState()).isEqualTo("review");
    }
}
