package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class DefinitionsIT extends OrchestratorTestBase {

    @Test
    void listsEveryLoadedDefinition() {
        ResponseEntity<JsonNode> all = get(VIEWER, "/api/definitions");

        assertThat(all.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(all.getBody()).extracting(d -> d.get("type").asText() + " v" + d.get("version").asInt())
                .containsExactly("order-cancellation v1", ORDER_FULFILMENT + " v1");
    }

    @Test
    void describesTheOrderFulfilmentSagaStepByStepWithItsStateMachine() {
        JsonNode definition = get(VIEWER, "/api/definitions/" + ORDER_FULFILMENT).getBody();

        assertThat(definition.get("startedBy").asText()).isEqualTo("order.OrderCreated");
        assertThat(definition.get("businessKeyName").asText()).isEqualTo("order id");
        assertThat(definition.get("pivot").asText()).isEqualTo("capture-payment");
        assertThat(names(definition.get("steps"))).containsExactly("create-order", "reserve-stock",
                "authorize-payment", "deduct-inventory", "capture-payment", "schedule-shipment", "approve-order");
        JsonNode createOrder = definition.get("steps").get(0);
        assertThat(createOrder.get("command").isNull()).isTrue();
        assertThat(createOrder.get("compensation").get("command").asText()).isEqualTo("order.RejectOrder");
        JsonNode reserve = definition.get("steps").get(1);
        assertThat(reserve.get("participant").asText()).isEqualTo("inventory");
        assertThat(reserve.get("command").asText()).isEqualTo("inventory.ReserveStock");
        assertThat(reserve.get("successReplies").get(0).asText()).isEqualTo("inventory.StockReserved");
        assertThat(reserve.get("failureReplies").get(0).asText()).isEqualTo("inventory.StockUnavailable");
        assertThat(reserve.get("compensation").get("command").asText()).isEqualTo("inventory.ReleaseStock");
        assertThat(reserve.get("compensation").get("confirmedBy").get(0).asText())
                .isEqualTo("inventory.StockReleased");
        assertThat(reserve.get("deadline").get("timeout").asText()).isEqualTo("PT30S");
        assertThat(reserve.get("deadline").get("attempts").asInt()).isEqualTo(5);
        assertThat(reserve.get("effectiveDeadline").get("timeout").asText()).isEqualTo("PT5M");
        assertThat(reserve.get("effectiveDeadline").get("attempts").asInt()).isEqualTo(1);
        JsonNode capture = definition.get("steps").get(4);
        assertThat(capture.get("pivot").asBoolean()).isTrue();
        assertThat(capture.get("compensation").isNull()).isTrue();
        assertThat(definition.get("steps").get(5).get("retriable").asBoolean()).isTrue();
        assertThat(definition.get("states").toString()).contains("compensate-reserve-stock", "COMPENSATED");
        assertThat(definition.get("mermaid").asText()).startsWith("stateDiagram-v2")
                .contains("reserve_stock --> authorize_payment : SUCCEEDED",
                        "reserve_stock --> compensate_reserve_stock : TIMED_OUT");
    }

    @Test
    void givesTheStateMachineAsDataTooItsTransitionsAndItsPlannedStates() {
        JsonNode definition = get(VIEWER, "/api/definitions/" + ORDER_FULFILMENT).getBody();

        List<String> transitions = new ArrayList<>();
        List<String> asMermaid = new ArrayList<>();
        definition.get("transitions").forEach(t -> {
            transitions.add(t.get("from").asText() + " --> " + t.get("to").asText() + " : " + t.get("event").asText());
            asMermaid.add(t.get("from").asText().replace('-', '_') + " --> " + t.get("to").asText().replace('-', '_')
                    + " : " + t.get("event").asText());
        });
        assertThat(transitions).contains("NEW --> reserve-stock : START",
                "reserve-stock --> authorize-payment : SUCCEEDED", "reserve-stock --> compensate-create-order : FAILED",
                "reserve-stock --> compensate-reserve-stock : TIMED_OUT",
                "compensate-create-order --> COMPENSATED : SUCCEEDED");
        assertThat(asMermaid).as("the same transitions as the Mermaid text, whose ids write '-' as '_'")
                .containsExactlyInAnyOrderElementsOf(definition.get("mermaid").asText().lines()
                        .filter(line -> line.contains(" : ")).map(String::strip).toList());

        JsonNode plan = definition.get("plan");
        List<String> states = new ArrayList<>();
        definition.get("states").forEach(state -> states.add(state.asText()));
        assertThat(names(plan)).as("one planned state per state of the machine").containsExactlyElementsOf(states);
        JsonNode compensating = plan.get(8);
        assertThat(compensating.get("name").asText()).isEqualTo("compensate-reserve-stock");
        assertThat(compensating.get("step").asText()).isEqualTo("reserve-stock");
        assertThat(compensating.get("phase").asText()).isEqualTo("COMPENSATING");
        assertThat(compensating.get("kind").asText()).isEqualTo("COMMAND");
        assertThat(compensating.get("whenUnanswered").asText()).isEqualTo("FAIL");
        JsonNode completed = plan.get(10);
        assertThat(completed.get("name").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("step").isNull()).isTrue();
        assertThat(completed.get("end").asBoolean()).isTrue();
    }

    @Test
    void answersNotFoundForAnUnknownDefinition() {
        assertProblem(get(VIEWER, "/api/definitions/space-travel"), HttpStatus.NOT_FOUND, "Unknown saga type");
    }

    private static List<String> names(JsonNode steps) {
        List<String> names = new ArrayList<>();
        steps.forEach(step -> names.add(step.get("name").asText()));
        return names;
    }
}
