package dev.saga.orchestrator.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.inventory.InventoryDeducted;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.orchestrator.OrchestratorTestApplication;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.SecondVersionLoaded;
import dev.saga.orchestrator.engine.SagaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;

/**
 * Two versions of the order-fulfilment saga loaded side by side: new sagas start on version 2, running ones
 * finish on the version they started with unless a declared migration moves them; an orchestrator that would
 * not load a version some unfinished saga runs on refuses to start.
 */
@Import(SecondVersionLoaded.class)
class DefinitionVersionsIT extends OrchestratorTestBase {

    private static final String MIGRATION = "/api/definitions/" + ORDER_FULFILMENT + "/migrations/1/2";

    @Autowired
    private SagaCatalog catalog;
    @Autowired
    private Environment environment;

    @Test
    void newSagasStartOnTheNewestVersionAndRunningOnesFinishOnTheirs() {
        UUID onVersion1 = startOnVersion1();
        UUID onVersion2 = startOrder();

        passTheFirstFourSteps(onVersion1);
        passTheFirstFourSteps(onVersion2);

        assertThat(saga(onVersion1).get("definitionVersion").asInt()).isEqualTo(1);
        assertThat(sagas.find(onVersion1).orElseThrow().machineState()).as("version 1 ships")
                .isEqualTo("schedule-shipment");
        assertThat(saga(onVersion2).get("definitionVersion").asInt()).isEqualTo(2);
        assertThat(sagas.find(onVersion2).orElseThrow().machineState()).as("version 2 has nothing to ship")
                .isEqualTo("approve-order");
    }

    @Test
    void aDryRunShowsWhoWouldMoveAndApplyingItMovesThemOnTheNewVersion() {
        UUID movable = startOnVersion1();
        UUID shipping = startOnVersion1();
        passTheFirstFourSteps(shipping);

        JsonNode dryRun = get(VIEWER, MIGRATION).getBody();
        assertThat(dryRun.get("applied").asBoolean()).isFalse();
        assertThat(move(dryRun, movable).get("moves").asBoolean()).isTrue();
        assertThat(move(dryRun, shipping).get("moves").asBoolean()).isFalse();
        assertThat(move(dryRun, shipping).get("staysBecause").asText()).contains("schedule-shipment");
        assertThat(sagas.find(movable).orElseThrow().definitionVersion()).as("a dry run changes nothing")
                .isEqualTo(1);

        assertThat(post(VIEWER, MIGRATION, null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode applied = post(OPERATOR, MIGRATION, null).getBody();

        assertThat(applied.get("applied").asBoolean()).isTrue();
        assertThat(move(applied, movable).get("moves").asBoolean()).isTrue();
        assertThat(sagas.find(movable).orElseThrow().definitionVersion()).isEqualTo(2);
        assertThat(sagas.find(shipping).orElseThrow().definitionVersion()).isEqualTo(1);
        assertThat(timeline.of(movable)).filteredOn(entry -> entry.kind().name().equals("ADMIN_ACTION"))
                .singleElement().satisfies(entry -> assertThat(entry.detail()).isEqualTo(
                        "migrated by operator from order-fulfilment v1 to order-fulfilment v2 at reserve-stock"));

        passTheFirstFourSteps(movable);
        assertThat(sagas.find(movable).orElseThrow().machineState()).as("it goes on as version 2")
                .isEqualTo("approve-order");
    }

    @Test
    void listsBothVersionsAndTheMigrationAndAnswers404ForUnknownOnes() {
        List<String> loaded = new ArrayList<>();
        get(VIEWER, "/api/definitions").getBody()
                .forEach(d -> loaded.add(d.get("type").asText() + " v" + d.get("version").asInt()));
        assertThat(loaded).containsExactly("order-cancellation v1", "order-fulfilment v1", "order-fulfilment v2");
        assertThat(get(VIEWER, "/api/definitions/" + ORDER_FULFILMENT).getBody().get("version").asInt())
                .isEqualTo(2);
        assertThat(get(VIEWER, "/api/definitions/" + ORDER_FULFILMENT + "?version=1").getBody()
                .get("states").toString()).contains("schedule-shipment");
        assertProblem(get(VIEWER, "/api/definitions/" + ORDER_FULFILMENT + "?version=7"), HttpStatus.NOT_FOUND,
                "Unknown saga type");

        JsonNode declared = get(VIEWER, "/api/definitions/" + ORDER_FULFILMENT + "/migrations").getBody();
        assertThat(declared).hasSize(1);
        assertThat(declared.get(0).get("fromVersion").asInt()).isEqualTo(1);
        assertThat(declared.get(0).get("states").toString()).contains("reserve-stock")
                .doesNotContain("schedule-shipment");
        assertProblem(get(VIEWER, "/api/definitions/" + ORDER_FULFILMENT + "/migrations/2/3"), HttpStatus.NOT_FOUND,
                "Unknown migration");
        assertProblem(get(VIEWER, "/api/definitions/no-such-saga/migrations/1/2"), HttpStatus.NOT_FOUND,
                "Unknown saga type");
    }

    @Test
    void anOrchestratorWithoutAVersionUnfinishedSagasRunOnRefusesToStart() {
        UUID orphan = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO saga (id, type, definition_version, business_key, status, machine_state, attempt, data)
                VALUES (?, 'order-fulfilment', 9, ?, 'STUCK', 'schedule-shipment', 5, '{}'::jsonb)""",
                orphan, orphan.toString());
        try {
            assertThatThrownBy(() -> new SpringApplicationBuilder(OrchestratorTestApplication.class)
                    .run(argumentsOfThisOrchestrator()).close())
                    .hasRootCauseInstanceOf(DefinitionVersionsMissingException.class)
                    .rootCause().hasMessage("Unfinished sagas run on saga definition versions that are not loaded: "
                            + "order-fulfilment v9 (1 saga). Loaded: order-cancellation v1; order-fulfilment v1.");
        } finally {
            jdbc.update("DELETE FROM saga WHERE id = ?", orphan);
        }
    }

    /** The same database and broker, with only the definitions the application itself declares (version 1). */
    private String[] argumentsOfThisOrchestrator() {
        return Stream.of("saga.database.url", "spring.datasource.username", "spring.datasource.password",
                        "spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.username",
                        "spring.rabbitmq.password", "spring.rabbitmq.virtual-host", "saga.admin.viewer.username",
                        "saga.admin.viewer.password", "saga.admin.operator.username", "saga.admin.operator.password")
                .map(key -> "--" + key + "=" + environment.getProperty(key)).toArray(String[]::new);
    }

    private UUID startOnVersion1() {
        UUID orderId = UUID.randomUUID();
        return starts.start(catalog.forVersion(ORDER_FULFILMENT, 1).orElseThrow(),
                new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 1)), 2500), UUID.randomUUID());
    }

    /** Reserve, authorize, deduct and capture succeed, whatever the version. */
    private void passTheFirstFourSteps(UUID sagaId) {
        UUID orderId = UUID.fromString(sagas.find(sagaId).orElseThrow().businessKey());
        reply(sagaId, new StockReserved(orderId));
        reply(sagaId, new PaymentAuthorized(orderId, UUID.randomUUID()));
        reply(sagaId, new InventoryDeducted(orderId));
        reply(sagaId, new PaymentCaptured(orderId));
    }

    private static JsonNode move(JsonNode outcome, UUID sagaId) {
        for (JsonNode move : outcome.get("sagas")) {
            if (move.get("sagaId").asText().equals(sagaId.toString())) {
                return move;
            }
        }
        throw new AssertionError("saga " + sagaId + " is not in " + outcome);
    }
}
