package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.inventory.StockReleased;
import dev.saga.contract.order.OrderRejected;
import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class SagaActionsIT extends OrchestratorTestBase {

    @Test
    void retryResendsTheCurrentCommandWithTheSameMessageIdAsTheNextAttempt() {
        UUID sagaId = startOrder();
        Instant firstDeadline = Instant.parse(saga(sagaId).get("deadlineAt").asText());

        JsonNode saga = post(OPERATOR, "/api/sagas/" + sagaId + "/retry", Map.of("reason", "inventory restarted"))
                .getBody();

        assertThat(saga.get("status").asText()).isEqualTo("RUNNING");
        assertThat(saga.get("attempt").asInt()).isEqualTo(2);
        assertThat(Instant.parse(saga.get("deadlineAt").asText())).isAfter(firstDeadline);
        assertThat(kinds(saga)).containsExactly("SAGA_STARTED", "COMMAND_SENT", "ADMIN_ACTION", "COMMAND_SENT");
        JsonNode action = entry(saga, "ADMIN_ACTION").get(0);
        assertThat(action.get("detail").asText()).isEqualTo("retry by operator: inventory restarted");
        assertThat(action.get("attempt").asInt()).isEqualTo(2);
        List<JsonNode> sent = entry(saga, "COMMAND_SENT");
        assertThat(sent.get(1).get("messageId")).isEqualTo(sent.get(0).get("messageId"));
        assertThat(sent.get(1).get("attempt").asInt()).isEqualTo(2);
        List<IncomingMessage> delivered = commands.await(m -> sagaId.equals(m.envelope().sagaId()), 2);
        assertThat(delivered).extracting(m -> m.envelope().messageId()).containsOnly(delivered.get(0).envelope()
                .messageId());
        assertThat(delivered).extracting(m -> m.envelope().attempt()).containsExactly(1, 2);
    }

    @Test
    void compensateAbortsASagaBeforeThePivotAndUndoesWhatRan() {
        UUID orderId = UUID.randomUUID();
        UUID sagaId = startOrder(orderId);

        JsonNode saga = post(OPERATOR, "/api/sagas/" + sagaId + "/compensate", Map.of("reason", "customer called"))
                .getBody();

        assertThat(saga.get("status").asText()).isEqualTo("COMPENSATING");
        assertThat(saga.get("state").asText()).isEqualTo("compensate-reserve-stock");
        assertThat(saga.get("compensating").asBoolean()).isTrue();
        assertThat(saga.get("positions")).extracting(p -> p.get("name").asText() + " " + p.get("phase").asText())
                .containsExactly("compensate-reserve-stock COMPENSATING");
        assertThat(entry(saga, "ADMIN_ACTION").get(0).get("detail").asText())
                .isEqualTo("compensate by operator: customer called");
        assertThat(entry(saga, "COMPENSATION_SENT").get(0).get("messageType").asText())
                .isEqualTo("inventory.ReleaseStock");
        reply(sagaId, new StockReleased(orderId));
        reply(sagaId, new OrderRejected(orderId));
        JsonNode ended = saga(sagaId);
        assertThat(ended.get("status").asText()).isEqualTo("COMPENSATED");
        assertThat(ended.get("positions")).extracting(p -> p.get("name").asText() + " " + p.get("end").asBoolean())
                .containsExactly("COMPENSATED true");
        assertThat(ended.get("failureReason").asText()).contains("aborted by operator: customer called");
        assertThat(ended.get("data").get("rejectionReason").asText()).contains("customer called");
        assertThat(entry(ended, "COMPENSATION_SENT")).extracting(e -> e.get("messageType").asText())
                .containsExactly("inventory.ReleaseStock", "order.RejectOrder");
    }

    @Test
    void compensateIsRefusedAtThePivotAndForAnEndedSaga() {
        UUID atPivot = sagaAt("capture-payment");
        UUID completed = sagaAt("COMPLETED");

        JsonNode pivot = assertProblem(post(OPERATOR, "/api/sagas/" + atPivot + "/compensate", null),
                HttpStatus.CONFLICT, "Action refused");
        JsonNode ended = assertProblem(post(OPERATOR, "/api/sagas/" + completed + "/compensate", null),
                HttpStatus.CONFLICT, "Action refused");
        JsonNode retryEnded = assertProblem(post(OPERATOR, "/api/sagas/" + completed + "/retry", null),
                HttpStatus.CONFLICT, "Action refused");

        assertThat(pivot.get("detail").asText()).contains("pivot capture-payment");
        assertThat(pivot.get("action").asText()).isEqualTo("compensate");
        assertThat(ended.get("detail").asText()).contains("COMPLETED");
        assertThat(retryEnded.get("detail").asText()).contains("COMPLETED");
        assertThat(saga(atPivot).get("status").asText()).isEqualTo("RUNNING");
        assertThat(kinds(saga(atPivot))).doesNotContain("ADMIN_ACTION");
    }

    @Test
    void resumeTakesAStuckSagaUpAgainWithAFreshDeadline() {
        UUID sagaId = stuckSaga();

        JsonNode resumed = post(OPERATOR, "/api/sagas/" + sagaId + "/resume", Map.of("reason", "carrier is back"))
                .getBody();

        assertThat(resumed.get("status").asText()).isEqualTo("RUNNING");
        assertThat(resumed.get("state").asText()).isEqualTo("schedule-shipment");
        assertThat(resumed.get("attempt").asInt()).isEqualTo(1);
        assertThat(resumed.get("failureReason").isNull()).isTrue();
        assertThat(Instant.parse(resumed.get("deadlineAt").asText())).isAfter(Instant.now().plusSeconds(60));
        List<String> kinds = kinds(resumed);
        assertThat(kinds.subList(kinds.size() - 2, kinds.size())).containsExactly("ADMIN_ACTION", "COMMAND_SENT");
        assertThat(entry(resumed, "ADMIN_ACTION").get(0).get("detail").asText())
                .isEqualTo("resume by operator: carrier is back");
    }

    @Test
    void retryGivesAStuckSagaOneMoreAttempt() {
        UUID sagaId = stuckSaga();

        JsonNode retried = post(OPERATOR, "/api/sagas/" + sagaId + "/retry", null).getBody();

        assertThat(retried.get("status").asText()).isEqualTo("RUNNING");
        assertThat(retried.get("attempt").asInt()).isEqualTo(2);
        assertThat(entry(retried, "ADMIN_ACTION").get(0).get("detail").asText()).isEqualTo("retry by operator");
        expireDeadline(sagaId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sagas.find(sagaId).orElseThrow().status()).isEqualTo(SagaStatus.STUCK));
    }

    @Test
    void resumeIsRefusedUnlessTheSagaIsStuck() {
        UUID sagaId = startOrder();

        JsonNode problem = assertProblem(post(OPERATOR, "/api/sagas/" + sagaId + "/resume", null),
                HttpStatus.CONFLICT, "Action refused");

        assertThat(problem.get("detail").asText()).contains("Only a STUCK saga", "RUNNING");
        assertThat(problem.get("sagaId").asText()).isEqualTo(sagaId.toString());
        assertThat(saga(sagaId).get("attempt").asInt()).isEqualTo(1);
    }

    /** The saga's view lists what the actions allow, so the console offers nothing an ended saga refuses. */
    @Test
    void aSagaListsTheActionsItsStatusAllowsAndNoneOnceItEnded() {
        UUID completed = sagaAt("COMPLETED");
        UUID orderId = UUID.randomUUID();
        UUID compensated = startOrder(orderId);
        post(OPERATOR, "/api/sagas/" + compensated + "/compensate", null);
        reply(compensated, new StockReleased(orderId));
        reply(compensated, new OrderRejected(orderId));

        assertThat(actions(startOrder())).containsExactly("RETRY", "COMPENSATE");
        assertThat(actions(sagaAt("capture-payment"))).containsExactly("RETRY");
        assertThat(actions(stuckSaga())).containsExactly("RETRY", "RESUME");
        assertThat(saga(completed).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(actions(completed)).isEmpty();
        assertThat(saga(compensated).get("status").asText()).isEqualTo("COMPENSATED");
        assertThat(actions(compensated)).isEmpty();
        for (String action : List.of("retry", "compensate", "resume")) {
            assertProblem(post(OPERATOR, "/api/sagas/" + completed + "/" + action, null), HttpStatus.CONFLICT,
                    "Action refused");
        }
    }

    @Test
    void actionsOnAnUnknownSagaAreNotFound() {
        for (String action : List.of("retry", "compensate", "resume")) {
            assertProblem(post(OPERATOR, "/api/sagas/" + UUID.randomUUID() + "/" + action, null),
                    HttpStatus.NOT_FOUND, "Saga not found");
        }
    }

    @Test
    void refusesAnOverlongReasonBeforeTouchingTheSaga() {
        UUID sagaId = startOrder();

        assertThat(fieldsNamed(assertProblem(post(OPERATOR, "/api/sagas/" + sagaId + "/retry",
                Map.of("reason", "x".repeat(501))), HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST)))
                .containsExactly("reason");
        assertThat(saga(sagaId).get("attempt").asInt()).isEqualTo(1);
    }

    /** A saga past its pivot whose shipping step never answered: with one attempt per step, one deadline. */
    private UUID stuckSaga() {
        UUID sagaId = sagaAt("schedule-shipment");
        expireDeadline(sagaId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sagas.find(sagaId).orElseThrow().status()).isEqualTo(SagaStatus.STUCK));
        return sagaId;
    }

    private List<String> actions(UUID sagaId) {
        List<String> actions = new ArrayList<>();
        saga(sagaId).get("actions").forEach(action -> actions.add(action.asText()));
        return actions;
    }

    private static List<JsonNode> entry(JsonNode saga, String kind) {
        List<JsonNode> entries = new ArrayList<>();
        saga.get("timeline").forEach(e -> {
            if (kind.equals(e.get("kind").asText())) {
                entries.add(e);
            }
        });
        return entries;
    }
}
