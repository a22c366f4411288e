package dev.saga.orchestrator.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.intake.OrchestratorQueues;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * An {@code OrderCreated} whose saga the database refuses to store goes through the retry tiers and is parked;
 * once the cause is fixed, a replay takes the same message back to its work queue and the saga starts.
 */
class DeadLetterReplayIT extends DeadLetterTestBase {

    @Test
    void aStartParkedBecauseItsSagaCouldNotBeStoredSucceedsWhenReplayedAfterTheFix() {
        UUID orderId = UUID.randomUUID();
        String constraint = refuseSagasFor(orderId);
        try {
            String messageId = publishOrderCreated(orderId);
            awaitDepth(STARTS_PARKING, 1);

            JsonNode parked = peek(STARTS_PARKING).path("messages").get(0);
            assertThat(parked.path("messageId").asText()).isEqualTo(messageId);
            assertThat(parked.path("attempts").asInt()).isEqualTo(3);
            assertThat(parked.path("errorMessage").asText()).contains(constraint);
            assertThat(parked.path("replayTo").path("exchange").asText()).isEqualTo(Topology.RETRY);
            assertThat(parked.path("replayTo").path("routingKey").asText()).isEqualTo(OrchestratorQueues.SAGA_STARTS);
            assertThat(parked.path("publishedTo").path("exchange").asText()).isEqualTo(Topology.EVENTS);
            assertThat(parked.path("publishedTo").path("routingKey").asText()).isEqualTo("order.created");
            assertThat(sagaStatuses(orderId)).isEmpty();

            allowSagasAgain(constraint);
            ResponseEntity<JsonNode> replay = asOperator().postForEntity(API + "/" + STARTS_PARKING + "/replay",
                    null, JsonNode.class);

            assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(replay.getBody().path("replayed").asInt()).isEqualTo(1);
            assertThat(replay.getBody().path("messageIds").get(0).asText()).isEqualTo(messageId);
            eventually().untilAsserted(() -> assertThat(sagaStatuses(orderId)).containsExactly("RUNNING"));
            assertThat(startedBy(orderId)).isEqualTo(messageId);
            awaitDepth(STARTS_PARKING, 0);
            assertThat(parkedIds(STARTS_PARKING)).isEmpty();
        } finally {
            allowSagasAgain(constraint);
        }
    }

    @Test
    void replaysOnlyTheNamedMessage() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String constraint = refuseSagasFor(first, second);
        try {
            String firstMessage = publishOrderCreated(first);
            String secondMessage = publishOrderCreated(second);
            awaitDepth(STARTS_PARKING, 2);
            allowSagasAgain(constraint);

            ResponseEntity<JsonNode> byQuery = asOperator().postForEntity(API + "/" + STARTS_PARKING
                    + "/replay?messageId=" + firstMessage, null, JsonNode.class);

            assertThat(byQuery.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(byQuery.getBody().path("replayed").asInt()).isEqualTo(1);
            eventually().untilAsserted(() -> assertThat(sagaStatuses(first)).containsExactly("RUNNING"));
            assertThat(sagaStatuses(second)).isEmpty();
            assertThat(parkedIds(STARTS_PARKING)).containsExactly(secondMessage);

            ResponseEntity<JsonNode> byBody = asOperator().postForEntity(API + "/" + STARTS_PARKING + "/replay",
                    Map.of("messageId", secondMessage), JsonNode.class);

            assertThat(byBody.getBody().path("messageIds").get(0).asText()).isEqualTo(secondMessage);
            eventually().untilAsserted(() -> assertThat(sagaStatuses(second)).containsExactly("RUNNING"));
            awaitDepth(STARTS_PARKING, 0);
        } finally {
            allowSagasAgain(constraint);
        }
    }

    @Test
    void aStartTheBrokerDeadLetteredGoesBackToItsWorkQueue() {
        UUID orderId = UUID.randomUUID();
        String constraint = refuseSagasFor(orderId);
        // Without its first retry tier the consumer cannot hand the failing message on, so it returns it to the
        // queue until the delivery limit makes the broker park it: then only x-death says where it came from.
        admin.deleteQueue(Topology.retryQueue(OrchestratorQueues.SAGA_STARTS, 1));
        try {
            String messageId = publishOrderCreated(orderId);
            awaitDepth(STARTS_PARKING, 1);

            JsonNode parked = peek(STARTS_PARKING).path("messages").get(0);
            assertThat(parked.path("messageId").asText()).isEqualTo(messageId);
            assertThat(parked.path("brokerReason").asText()).isEqualTo("delivery_limit");
            assertThat(parked.path("errorClass").isNull()).isTrue();
            assertThat(parked.path("replayTo").path("exchange").asText()).isEqualTo(Topology.RETRY);
            assertThat(parked.path("replayTo").path("routingKey").asText()).isEqualTo(OrchestratorQueues.SAGA_STARTS);
            assertThat(parked.path("publishedTo").path("exchange").asText()).isEqualTo(Topology.EVENTS);
            assertThat(parked.path("publishedTo").path("routingKey").asText()).isEqualTo("order.created");

            allowSagasAgain(constraint);
            admin.initialize();
            ResponseEntity<JsonNode> replay = asOperator().postForEntity(API + "/" + STARTS_PARKING
                    + "/replay?messageId=" + messageId, null, JsonNode.class);

            assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
            eventually().untilAsserted(() -> assertThat(sagaStatuses(orderId)).containsExactly("RUNNING"));
            awaitDepth(STARTS_PARKING, 0);
        } finally {
            allowSagasAgain(constraint);
            admin.initialize();
        }
    }

    /** The message id the saga's start is recorded with in its timeline. */
    private String startedBy(UUID orderId) {
        List<String> ids = jdbc.queryForList("""
                SELECT t.message_id::text FROM orchestrator.saga_timeline t JOIN orchestrator.saga s ON s.id = t.saga_id
                WHERE s.business_key = ? AND t.kind = 'SAGA_STARTED'""", String.class, orderId.toString());
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }
}
