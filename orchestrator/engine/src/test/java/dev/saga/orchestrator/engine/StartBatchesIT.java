package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.OrchestratorTestBase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Start events handled as a batch, as the start consumer hands them over: each new saga is inserted already
 * waiting at its first step, and a business key seen before (in the database or earlier in the batch) starts
 * nothing more.
 */
class StartBatchesIT extends OrchestratorTestBase {

    @Test
    void aBatchOfStartsWithADuplicateBusinessKeyStartsOneSagaPerKey() {
        UUID existingOrder = UUID.randomUUID();
        UUID existing = startOrder(existingOrder);
        UUID twice = UUID.randomUUID();
        UUID once = UUID.randomUUID();
        IncomingMessage first = startEvent(twice);
        IncomingMessage again = startEvent(twice);

        starts.startAll(List.of(first, startEvent(once), again, startEvent(existingOrder)));

        assertThat(jdbc.queryForList("SELECT business_key FROM saga WHERE business_key IN (?, ?, ?)", String.class,
                twice.toString(), once.toString(), existingOrder.toString()))
                .containsExactlyInAnyOrder(twice.toString(), once.toString(), existingOrder.toString());
        UUID twiceSaga = sagaOf(twice).id();
        assertThat(kinds(twiceSaga)).containsExactly(SagaTimeline.Kind.SAGA_STARTED, SagaTimeline.Kind.COMMAND_SENT,
                SagaTimeline.Kind.START_IGNORED);
        assertThat(timeline.of(twiceSaga).get(0).messageId()).isEqualTo(first.envelope().messageId());
        assertThat(timeline.of(twiceSaga).get(2).messageId()).isEqualTo(again.envelope().messageId());
        assertThat(kinds(existing)).containsExactly(SagaTimeline.Kind.SAGA_STARTED, SagaTimeline.Kind.COMMAND_SENT,
                SagaTimeline.Kind.START_IGNORED);
    }

    @Test
    void aNewSagaIsWrittenOnceAlreadyAtItsFirstStep() {
        UUID orderId = UUID.randomUUID();

        starts.startAll(List.of(startEvent(orderId)));

        SagaInstance saga = sagaOf(orderId);
        assertThat(saga.machineState()).isEqualTo("reserve-stock");
        assertThat(saga.attempt()).isEqualTo(1);
        assertThat(saga.version()).as("inserted, never updated").isZero();
        assertThat(saga.deadlineAt()).isNotNull();
        assertThat(kinds(saga.id())).containsExactly(SagaTimeline.Kind.SAGA_STARTED, SagaTimeline.Kind.COMMAND_SENT);
    }

    private SagaInstance sagaOf(UUID orderId) {
        return sagas.findByBusinessKey(ORDER_FULFILMENT, orderId.toString()).orElseThrow();
    }

    private List<SagaTimeline.Kind> kinds(UUID sagaId) {
        return timeline.of(sagaId).stream().map(SagaTimeline.Entry::kind).toList();
    }

    private static IncomingMessage startEvent(UUID orderId) {
        String routingKey = MessageTypes.eventRoutingKey(OrderCreated.class);
        return new IncomingMessage(Envelope.event(MessageTypes.nameOf(OrderCreated.class)),
                new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 1)), 2500), Topology.EVENTS,
                routingKey, new MessageOrigin("order", routingKey));
    }
}
