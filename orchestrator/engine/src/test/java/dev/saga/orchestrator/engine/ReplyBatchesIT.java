package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Replies applied as a batch, as the reply consumer hands them over: each saga of the batch moves by its own
 * replies, in delivery order, and a reply that does not answer its saga's step changes only that saga's timeline.
 */
class ReplyBatchesIT extends OrchestratorTestBase {

    @Test
    void aStaleReplyInABatchIsRecordedAsIgnoredWhileTheOthersAdvance() {
        UUID first = startOrder();
        UUID second = startOrder();
        UUID stale = startOrder();
        IncomingMessage staleReply = replyTo(stale, new StockReserved(orderOf(stale)));
        engine.applyReply(staleReply);
        assertThat(state(stale)).isEqualTo("authorize-payment");

        engine.applyReplies(List.of(replyTo(first, new StockReserved(orderOf(first))), staleReply,
                replyTo(second, new StockReserved(orderOf(second)))));

        assertThat(state(first)).isEqualTo("authorize-payment");
        assertThat(state(second)).isEqualTo("authorize-payment");
        assertThat(state(stale)).isEqualTo("authorize-payment");
        assertThat(lines(stale, SagaTimeline.Kind.REPLY_IGNORED)).singleElement()
                .satisfies(line -> assertThat(line.messageId()).isEqualTo(staleReply.envelope().messageId()));
        assertThat(lines(first, SagaTimeline.Kind.REPLY_IGNORED)).isEmpty();
        assertThat(lines(second, SagaTimeline.Kind.REPLY_APPLIED)).hasSize(1);
    }

    @Test
    void twoRepliesForOneSagaInABatchApplyOneAfterTheOther() {
        UUID sagaId = startOrder();
        UUID orderId = orderOf(sagaId);
        UUID other = startOrder();

        engine.applyReplies(List.of(replyTo(sagaId, new StockReserved(orderId)),
                replyTo(other, new StockReserved(orderOf(other))),
                replyAt(sagaId, "authorize-payment", new PaymentAuthorized(orderId, UUID.randomUUID()))));

        assertThat(state(sagaId)).isEqualTo("deduct-inventory");
        assertThat(state(other)).isEqualTo("authorize-payment");
        assertThat(lines(sagaId, SagaTimeline.Kind.REPLY_APPLIED)).extracting(SagaTimeline.Entry::step)
                .containsExactly("reserve-stock", "authorize-payment");
        assertThat(lines(sagaId, SagaTimeline.Kind.COMMAND_SENT)).extracting(SagaTimeline.Entry::step)
                .containsExactly("reserve-stock", "authorize-payment", "deduct-inventory");
        assertThat(jdbc.queryForObject("SELECT version FROM saga WHERE id = ?", Long.class, sagaId))
                .as("one write for the batch").isEqualTo(versionAfterStart() + 1);
    }

    @Test
    void aReplyForAnUnknownSagaFailsTheWholeBatchAndChangesNothing() {
        UUID sagaId = startOrder();

        assertThatThrownBy(() -> engine.applyReplies(List.of(replyTo(sagaId, new StockReserved(orderOf(sagaId))),
                replyAt(UUID.randomUUID(), "reserve-stock", new StockReserved(UUID.randomUUID())))))
                .isInstanceOf(MalformedMessageException.class);

        assertThat(state(sagaId)).isEqualTo("reserve-stock");
        assertThat(lines(sagaId, SagaTimeline.Kind.REPLY_APPLIED)).isEmpty();
    }

    private long versionAfterStart() {
        UUID fresh = startOrder();
        return jdbc.queryForObject("SELECT version FROM saga WHERE id = ?", Long.class, fresh);
    }

    private UUID orderOf(UUID sagaId) {
        return UUID.fromString(sagas.find(sagaId).orElseThrow().businessKey());
    }

    private String state(UUID sagaId) {
        return sagas.find(sagaId).orElseThrow().machineState();
    }

    private List<SagaTimeline.Entry> lines(UUID sagaId, SagaTimeline.Kind kind) {
        return timeline.of(sagaId).stream().filter(e -> e.kind() == kind).toList();
    }
}
