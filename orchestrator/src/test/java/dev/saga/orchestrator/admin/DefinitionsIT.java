package dev.saga.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class DefinitionsIT extends AdminApiTestBase {

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
    void answersNotFoundForAnUnknownDefinition() {
        assertProblem(get(VIEWER, "/api/definitions/space-travel"), HttpStatus.NOT_FOUND, "Unknown saga type");
    }

    private static List<String> names(JsonNode steps) {
        List<String> names = new ArrayList<>();
        steps.forEach(step -> names.add(step.get("name").asText()));
        return names;
    }
}
