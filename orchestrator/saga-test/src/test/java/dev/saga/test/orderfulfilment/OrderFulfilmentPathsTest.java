package dev.saga.test.orderfulfilment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orderfulfilment.OrderFulfilmentData;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import dev.saga.test.SagaTestKit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of the order saga's table of paths, walked through the engine in memory. */
class OrderFulfilmentPathsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(OrderFulfilmentPath.class)
    void eachPathSendsTheCommandsAndCompensationsOfItsRowAndEndsInItsStatus(OrderFulfilmentPath path) {
        UUID orderId = UUID.randomUUID();
        SagaTestKit<OrderFulfilmentData> saga = SagaTestKit.of(OrderFulfilmentSaga.DEFINITION)
                .start(new OrderCreated(orderId, "alice", List.of(new OrderLine("SKU-BOOK", 1)), 2500));

        for (OrderFulfilmentPath.Answer answer : path.answers()) {
            if (answer.isNone()) {
                saga.neverAnswer();
            } else {
                saga.reply(answer.replyFor(orderId));
            }
        }

        saga.expectStatus(path.status());
        assertThat(saga.commandsSent()).as("commands").containsExactlyElementsOf(path.commands());
        assertThat(saga.compensationsSent()).as("compensations").containsExactlyElementsOf(path.compensations());
        // The system tests read the same rows from the timeline, by message type.
        assertThat(firstAttempts(saga, TimelineLog.Kind.COMMAND_SENT)).containsExactlyElementsOf(path.commandTypes());
        assertThat(firstAttempts(saga, TimelineLog.Kind.COMPENSATION_SENT))
                .containsExactlyElementsOf(path.compensationTypes());
        assertThat(saga.timeline()).as("replies ignored").noneMatch(e -> e.kind() == TimelineLog.Kind.REPLY_IGNORED);
    }

    private static List<String> firstAttempts(SagaTestKit<?> saga, TimelineLog.Kind kind) {
        return saga.timeline().stream().filter(e -> e.kind() == kind && e.attempt() == 1)
                .map(TimelineLog.Entry::messageType).toList();
    }
}
