package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class SagaQueriesIT extends OrchestratorTestBase {

    @Test
    void showsOneSagaWithItsDataAndFullTimeline() {
        UUID orderId = UUID.randomUUID();
        UUID sagaId = startOrder(orderId);

        JsonNode saga = saga(sagaId);

        assertThat(saga.get("type").asText()).isEqualTo(ORDER_FULFILMENT);
        assertThat(saga.get("definitionVersion").asInt()).isEqualTo(1);
        assertThat(saga.get("businessKey").asText()).isEqualTo(orderId.toString());
        assertThat(saga.get("status").asText()).isEqualTo("RUNNING");
        assertThat(saga.get("state").asText()).isEqualTo("reserve-stock");
        assertThat(saga.get("step").asText()).isEqualTo("reserve-stock");
        assertThat(saga.get("positions")).extracting(p -> p.get("step").asText() + " " + p.get("phase").asText()
                + " " + p.get("kind").asText()).containsExactly("reserve-stock FORWARD COMMAND");
        assertThat(saga.get("attempt").asInt()).isEqualTo(1);
        assertThat(Instant.parse(saga.get("deadlineAt").asText())).isAfter(Instant.now().plusSeconds(60));
        assertThat(saga.get("failureReason").isNull()).isTrue();
        assertThat(saga.get("data").isObject()).as("data is a JSON object").isTrue();
        assertThat(saga.get("data").get("customerId").asText()).isEqualTo("alice");
        assertThat(saga.get("createdAt").isTextual()).isTrue();
        assertThat(kinds(saga)).containsExactly("SAGA_STARTED", "COMMAND_SENT");
        JsonNode sent = saga.get("timeline").get(1);
        assertThat(sent.get("step").asText()).isEqualTo("reserve-stock");
        assertThat(sent.get("attempt").asInt()).isEqualTo(1);
        assertThat(sent.get("messageType").asText()).isEqualTo("inventory.ReserveStock");
        assertThat(UUID.fromString(sent.get("messageId").asText())).isNotNull();
        assertThat(sent.get("at").isTextual()).isTrue();
        assertThat(saga.get("timeline").get(0).get("detail").asText()).contains("start by operator");
    }

    @Test
    void findsASagaByItsBusinessKey() {
        UUID orderId = UUID.randomUUID();
        UUID sagaId = startOrder(orderId);

        ResponseEntity<JsonNode> found = get(VIEWER, "/api/sagas/by-key/" + ORDER_FULFILMENT + "/" + orderId);

        assertThat(found.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(found.getBody().get("id").asText()).isEqualTo(sagaId.toString());
        assertThat(kinds(found.getBody())).contains("SAGA_STARTED");
    }

    @Test
    void listsSagasFilteredByTypeStatusStepAndBusinessKey() {
        UUID orderId = UUID.randomUUID();
        UUID waiting = startOrder(orderId);
        UUID paying = sagaAt("authorize-payment");

        assertThat(ids("/api/sagas?businessKey=" + orderId)).containsExactly(waiting);
        assertThat(ids("/api/sagas?businessKey=" + orderId + "&type=" + ORDER_FULFILMENT + "&status=RUNNING"
                + "&step=reserve-stock")).containsExactly(waiting);
        assertThat(ids("/api/sagas?businessKey=" + orderId + "&status=COMPLETED")).isEmpty();
        assertThat(ids("/api/sagas?type=trip-booking")).isEmpty();
        assertThat(ids("/api/sagas?step=authorize-payment&size=200")).contains(paying).doesNotContain(waiting);
        assertThat(ids("/api/sagas?step=reserve-stock&size=200")).contains(waiting).doesNotContain(paying);
    }

    /** {@code orderId}, the filter's name from when only order sagas were listed, still works and says it is old. */
    @Test
    void stillAcceptsTheDeprecatedOrderIdFilterAndDocumentsItAsDeprecated() {
        UUID orderId = UUID.randomUUID();
        UUID waiting = startOrder(orderId);

        assertThat(ids("/api/sagas?orderId=" + orderId)).containsExactly(waiting);
        JsonNode parameters = get(VIEWER, "/v3/api-docs").getBody().at("/paths/~1api~1sagas/get/parameters");
        List<String> deprecated = new ArrayList<>();
        parameters.forEach(p -> {
            if (p.path("deprecated").asBoolean()) {
                deprecated.add(p.get("name").asText());
            }
        });
        assertThat(deprecated).containsExactly("orderId");
    }

    /** A step's search finds the sagas undoing it too: the plan knows which state compensates which step. */
    @Test
    void findsTheSagasCompensatingAStepByTheStepsName() {
        UUID declined = sagaAt("authorize-payment");
        reply(declined, new PaymentDeclined(UUID.randomUUID(), "card declined"));
        assertThat(sagas.find(declined).orElseThrow().machineState()).isEqualTo("compensate-reserve-stock");

        assertThat(ids("/api/sagas?step=reserve-stock&status=COMPENSATING&size=200")).contains(declined);
        assertThat(ids("/api/sagas?step=authorize-payment&size=200")).doesNotContain(declined);
    }

    @Test
    void pagesAndSortsSagasCreatedInATimeRange() {
        Instant from = Instant.now().minus(1, ChronoUnit.MILLIS);
        List<UUID> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(startOrder());
        }
        Instant to = Instant.now().plusSeconds(1);
        String range = "/api/sagas?createdFrom=" + from + "&createdTo=" + to + "&size=2";

        JsonNode first = get(VIEWER, range + "&sort=createdAt,asc").getBody();
        JsonNode second = get(VIEWER, range + "&sort=createdAt,asc&page=1").getBody();
        JsonNode newest = get(VIEWER, range).getBody();

        assertThat(ids(first)).containsExactly(started.get(0), started.get(1));
        assertThat(ids(second)).containsExactly(started.get(2));
        assertThat(first.get("page").get("totalItems").asLong()).isEqualTo(3);
        assertThat(first.get("page").get("totalPages").asLong()).isEqualTo(2);
        assertThat(first.get("page").get("size").asInt()).isEqualTo(2);
        assertThat(second.get("page").get("number").asInt()).isEqualTo(1);
        assertThat(ids(newest)).containsExactly(started.get(2), started.get(1));
        assertThat(newest.get("page").get("sort").asText()).isEqualTo("createdAt,desc");
        assertThat(ids(get(VIEWER, range + "&sort=updatedAt,desc").getBody())).hasSize(2);
    }

    @Test
    void refusesBadListParametersNamingEachOne() {
        assertThat(fieldsNamed(assertProblem(get(VIEWER, "/api/sagas?size=500"), HttpStatus.BAD_REQUEST,
                AdminProblems.INVALID_REQUEST))).containsExactly("size");
        assertThat(fieldsNamed(assertProblem(get(VIEWER, "/api/sagas?size=0&page=-1"), HttpStatus.BAD_REQUEST,
                AdminProblems.INVALID_REQUEST))).containsExactly("page", "size");
        JsonNode badStatus = assertProblem(get(VIEWER, "/api/sagas?status=SLEEPING"), HttpStatus.BAD_REQUEST,
                AdminProblems.INVALID_REQUEST);
        assertThat(fieldsNamed(badStatus)).containsExactly("status");
        assertThat(badStatus.get("errors").get(0).get("message").asText()).contains("RUNNING", "STUCK");
        JsonNode badInstant = assertProblem(get(VIEWER, "/api/sagas?createdFrom=yesterday"),
                HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST);
        assertThat(fieldsNamed(badInstant)).containsExactly("createdFrom");
        assertThat(badInstant.get("errors").get(0).get("message").asText()).contains("ISO-8601");
        assertThat(fieldsNamed(assertProblem(get(VIEWER, "/api/sagas?sort=name"), HttpStatus.BAD_REQUEST,
                AdminProblems.INVALID_REQUEST))).containsExactly("sort");
        assertThat(fieldsNamed(assertProblem(get(VIEWER, "/api/sagas?createdFrom=2025-02-01T00:00:00Z"
                + "&createdTo=2025-01-01T00:00:00Z"), HttpStatus.BAD_REQUEST, AdminProblems.INVALID_REQUEST)))
                .containsExactly("createdTo");
    }

    @Test
    void answersNotFoundForAnUnknownSaga() {
        UUID unknown = UUID.randomUUID();

        JsonNode problem = assertProblem(get(VIEWER, "/api/sagas/" + unknown), HttpStatus.NOT_FOUND,
                "Saga not found");

        assertThat(problem.get("detail").asText()).contains(unknown.toString());
        assertProblem(get(VIEWER, "/api/sagas/by-key/" + ORDER_FULFILMENT + "/" + unknown), HttpStatus.NOT_FOUND,
                "Saga not found");
        assertThat(fieldsNamed(assertProblem(get(VIEWER, "/api/sagas/not-a-uuid"), HttpStatus.BAD_REQUEST,
                AdminProblems.INVALID_REQUEST))).containsExactly("id");
    }

    private List<UUID> ids(String path) {
        ResponseEntity<JsonNode> page = get(VIEWER, path);
        assertThat(page.getStatusCode()).as("%s", page.getBody()).isEqualTo(HttpStatus.OK);
        return ids(page.getBody());
    }

    private static List<UUID> ids(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").asText())));
        return ids;
    }
}
