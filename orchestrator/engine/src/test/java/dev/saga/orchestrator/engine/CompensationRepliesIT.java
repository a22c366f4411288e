package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.inventory.ReleaseStock;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A compensation is built with its step's success reply when that reply came, and without it when the step timed
 * out: the saga row keeps the replies of compensatable steps until the saga is over, and the compensation's
 * timeline entry says which it got. Here a step has one attempt, so a deadline compensates at once.
 */
class CompensationRepliesIT extends OrchestratorTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCompensationAfterTheStepsSuccessReplyIsBuiltWithIt() throws Exception {
        UUID sagaId = sagaAt("authorize-payment");
        UUID orderId = orderOf(sagaId);
        assertThat(storedReplies(sagaId).path("reserve-stock").path("type").asText())
                .isEqualTo("inventory.StockReserved");

        reply(sagaId, new PaymentDeclined(orderId, "over the credit limit"));

        assertThat(sagas.find(sagaId).orElseThrow().machineState()).isEqualTo("compensate-reserve-stock");
        assertThat(compensationSent(sagaId).detail()).isEqualTo("built with inventory.StockReserved");
        assertThat(releaseSent(sagaId).payload()).isEqualTo(new ReleaseStock(orderId));
    }

    @Test
    void aTimedOutStepIsCompensatedWithoutItsReply() throws Exception {
        UUID sagaId = startOrder();

        expireDeadline(sagaId);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                sagas.find(sagaId).orElseThrow().machineState().equals("compensate-reserve-stock"));
        assertThat(storedReplies(sagaId).isNull()).isTrue();
        assertThat(compensationSent(sagaId).detail())
                .isEqualTo("built without inventory.StockReserved, which never came");
        assertThat(releaseSent(sagaId).payload()).as("released by the order, as the data has it")
                .isEqualTo(new ReleaseStock(orderOf(sagaId)));
    }

    @Test
    void keepsTheRepliesOfCompensatableStepsOnlyUntilTheSagaIsOver() throws Exception {
        UUID sagaId = sagaAt("capture-payment");
        assertThat(storedReplies(sagaId).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("reserve-stock", "authorize-payment");

        UUID completed = sagaAt("COMPLETED");
        assertThat(storedReplies(completed).isNull()).isTrue();
    }

    private JsonNode storedReplies(UUID sagaId) throws Exception {
        String replies = jdbc.queryForObject("SELECT step_replies::text FROM saga WHERE id = ?", String.class, sagaId);
        return replies == null ? json.nullNode() : json.readTree(replies);
    }

    private SagaTimeline.Entry compensationSent(UUID sagaId) {
        return timeline.of(sagaId).stream().filter(e -> e.kind() == SagaTimeline.Kind.COMPENSATION_SENT)
                .filter(e -> "compensate-reserve-stock".equals(e.step())).findFirst().orElseThrow();
    }

    private IncomingMessage releaseSent(UUID sagaId) {
        return commands.awaitOne(m -> sagaId.equals(m.envelope().sagaId()) && m.payload() instanceof ReleaseStock);
    }

    private UUID orderOf(UUID sagaId) {
        return UUID.fromString(sagas.find(sagaId).orElseThrow().businessKey());
    }
}
