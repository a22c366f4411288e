package dev.saga.orchestrator.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.messaging.ParkingLot;
import dev.saga.messaging.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a replay sends a parked message (its own work queue, whatever the headers say), what the headers say
 * about where it came from, and what a replay leaves behind.
 */
class DeadLetterHeadersTest {

    private static final String WORK_QUEUE = "orchestrator.saga-starts";

    @Test
    void aReplayGoesOnlyToTheParkingQueuesOwnWorkQueueThroughTheRetryExchange() {
        assertThat(Destination.replayTo(DeadLetterHeaders.workQueueOf("inventory.commands.dlq")))
                .isEqualTo(new Destination(Topology.RETRY, "inventory.commands"));
    }

    @Test
    void aForgedOriginMovesNeitherTheReplayNorTheRoutingKeyItRecords() {
        Map<String, Object> forged = Map.of(
                ParkingLot.ORIGINAL_EXCHANGE, "saga.events", ParkingLot.ORIGINAL_ROUTING_KEY, "order.created");

        assertThat(DeadLetterHeaders.publishedTo(forged, "inventory.commands"))
                .contains(new Destination("saga.events", "order.created"));
        assertThat(DeadLetterHeaders.deadLetteredWith(forged, "inventory.commands")).isEmpty();
    }

    @Test
    void theBrokersRecordOfTheWorkQueueGivesTheRoutingKeyItWasPublishedWith() {
        Map<String, Object> headers = Map.of("x-death", List.of(
                death("orchestrator.saga-starts.retry.1", "saga.retry", "expired"),
                death(WORK_QUEUE, "saga.events", "delivery_limit")));

        assertThat(DeadLetterHeaders.deadLetteredWith(headers, WORK_QUEUE)).contains("order.created");
        assertThat(DeadLetterHeaders.deadLetteredWith(headers, "orchestrator.replies")).isEmpty();
    }

    @Test
    void aMessageItsConsumerParkedSaysWhereItWasFirstPublished() {
        Map<String, Object> headers = Map.of(
                ParkingLot.ORIGINAL_EXCHANGE, "saga.events", ParkingLot.ORIGINAL_ROUTING_KEY, "order.created",
                "x-death", List.of(death("orchestrator.saga-starts.retry.2", "saga.retry", "expired")));

        assertThat(DeadLetterHeaders.publishedTo(headers, WORK_QUEUE))
                .contains(new Destination("saga.events", "order.created"));
        assertThat(DeadLetterHeaders.brokerReason(headers, WORK_QUEUE)).isEmpty();
    }

    @Test
    void aMessageTheBrokerDeadLetteredSaysWhereItsWorkQueueGotIt() {
        Map<String, Object> headers = Map.of("x-death", List.of(
                death(WORK_QUEUE, "saga.events", "delivery_limit"),
                death("orchestrator.saga-starts.retry.1", "saga.retry", "expired")));

        assertThat(DeadLetterHeaders.publishedTo(headers, WORK_QUEUE))
                .contains(new Destination("saga.events", "order.created"));
        assertThat(DeadLetterHeaders.brokerReason(headers, WORK_QUEUE)).contains("delivery_limit");
    }

    @Test
    void withoutAnEntryForTheWorkQueueTheLatestDeathCounts() {
        Map<String, Object> headers = Map.of("x-death", List.of(death("elsewhere", "saga.replies", "rejected")));

        assertThat(DeadLetterHeaders.publishedTo(headers, WORK_QUEUE))
                .contains(new Destination("saga.replies", "order.created"));
    }

    @Test
    void aMessageThatSaysNothingOfItsOriginHasNoPublishedDestination() {
        assertThat(DeadLetterHeaders.publishedTo(Map.of("saga-id", "s-1"), WORK_QUEUE)).isEmpty();
    }

    @Test
    void aReplayedCopyKeepsItsEnvelopeButNotItsFailure() {
        Map<String, Object> headers = new HashMap<>(Map.of("saga-id", "s-1", "type-version", 1,
                "traceparent", "00-abc", "x-death", List.of(), "x-delivery-count", 3,
                "spring_returned_message_correlation", "c-1"));
        headers.putAll(Map.of(ParkingLot.ERROR_CLASS, "java.lang.IllegalStateException",
                ParkingLot.ERROR_MESSAGE, "boom", ParkingLot.ATTEMPTS, 4, ParkingLot.FIRST_FAILURE,
                "2024-01-01T00:00:00Z", ParkingLot.ORIGINAL_EXCHANGE, "saga.events",
                ParkingLot.ORIGINAL_ROUTING_KEY, "order.created"));

        assertThat(DeadLetterHeaders.withoutFailure(headers))
                .containsOnlyKeys("saga-id", "type-version", "traceparent");
    }

    @Test
    void onlyQueuesEndingInDlqAreParkingQueues() {
        assertThat(DeadLetterHeaders.isParkingQueue("orchestrator.replies.dlq")).isTrue();
        assertThat(DeadLetterHeaders.isParkingQueue("orchestrator.replies")).isFalse();
        assertThat(DeadLetterHeaders.isParkingQueue(".dlq")).isFalse();
        assertThat(DeadLetterHeaders.workQueueOf("orchestrator.replies.dlq")).isEqualTo("orchestrator.replies");
    }

    private static Map<String, Object> death(String queue, String exchange, String reason) {
        return Map.of("queue", queue, "exchange", exchange, "reason", reason, "count", 1L,
                "routing-keys", List.of("order.created"));
    }
}
