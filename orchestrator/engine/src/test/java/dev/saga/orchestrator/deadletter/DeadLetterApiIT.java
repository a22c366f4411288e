package dev.saga.orchestrator.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.ParkingLot;
import dev.saga.messaging.RetrySettings;
import dev.saga.messaging.SenderIdentity;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.RequestedByHeader;
import dev.saga.orchestrator.intake.OrchestratorQueues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Operators see what is parked, read it without taking it, replay it to its own work queue or discard it; only
 * operators may act.
 */
class DeadLetterApiIT extends DeadLetterTestBase {

    @Autowired
    private SenderIdentity identity;

    @Test
    void listsEveryParkingQueueWithItsDepth() {
        publishReplyWithoutSaga();
        publishReplyWithoutSaga();
        publishUnreadableOrderCreated();

        eventually().untilAsserted(() -> {
            JsonNode queues = asViewer().getForObject(API, JsonNode.class);
            assertThat(depthOf(queues, REPLIES_PARKING)).isEqualTo(2);
            assertThat(depthOf(queues, STARTS_PARKING)).isEqualTo(1);
            assertThat(queues.findValuesAsText("queue")).allMatch(name -> name.endsWith(".dlq"));
            assertThat(queues.findValuesAsText("workQueue")).contains(OrchestratorQueues.REPLIES);
        });
    }

    @Test
    void readsParkedMessagesWithTheirErrorsWithoutTakingThem() {
        String first = publishReplyWithoutSaga();
        String second = publishReplyWithoutSaga();
        awaitDepth(REPLIES_PARKING, 2);

        JsonNode peeked = peek(REPLIES_PARKING);
        assertThat(parkedIds(REPLIES_PARKING)).containsExactlyInAnyOrder(first, second);
        assertThat(parkedIds(REPLIES_PARKING)).containsExactlyInAnyOrder(first, second);
        awaitDepth(REPLIES_PARKING, 2);

        JsonNode message = peeked.path("messages").get(0);
        assertThat(message.path("type").asText()).isEqualTo("inventory.StockReserved");
        assertThat(message.path("errorClass").asText()).isEqualTo("dev.saga.messaging.MalformedMessageException");
        assertThat(message.path("errorMessage").asText()).contains("has no saga-id");
        assertThat(message.path("attempts").asInt()).isEqualTo(1);
        assertThat(message.path("firstFailureAt").asText()).isNotBlank();
        assertThat(message.path("timestamp").asText()).isNotBlank();
        assertThat(message.path("replayTo").path("exchange").asText()).isEqualTo(Topology.RETRY);
        assertThat(message.path("replayTo").path("routingKey").asText()).isEqualTo(OrchestratorQueues.REPLIES);
        assertThat(message.path("publishedTo").path("exchange").asText()).isEqualTo(Topology.REPLIES);
        assertThat(message.path("publishedTo").path("routingKey").asText())
                .isEqualTo("order-fulfilment.inventory.stock-reserved");
        assertThat(message.path("headers").has("type-version")).isTrue();
        assertThat(message.path("headers").has(ParkingLot.ERROR_CLASS)).isFalse();
        assertThat(message.path("bodyEncoding").asText()).isEqualTo("json");
        assertThat(message.path("body").path("orderId").asText()).isNotBlank();

        JsonNode one = asViewer().getForObject(API + "/" + REPLIES_PARKING + "?limit=1", JsonNode.class);
        assertThat(one.path("messages")).hasSize(1);
    }

    @Test
    void showsABodyThatIsNotJsonAsText() {
        String unreadable = publishUnreadableOrderCreated();
        awaitDepth(STARTS_PARKING, 1);

        JsonNode message = peek(STARTS_PARKING).path("messages").get(0);

        assertThat(message.path("messageId").asText()).isEqualTo(unreadable);
        assertThat(message.path("errorMessage").asText()).contains("Body of order.OrderCreated is not JSON");
        assertThat(message.path("bodyEncoding").asText()).isEqualTo("text");
        assertThat(message.path("body").asText()).isEqualTo("order #12, two books");
    }

    @Test
    void discardsOneMessageAndKeepsTheOthers() {
        String discarded = publishReplyWithoutSaga();
        String kept = publishReplyWithoutSaga();
        awaitDepth(REPLIES_PARKING, 2);

        ResponseEntity<JsonNode> response = asOperator().exchange(API + "/" + REPLIES_PARKING + "/" + discarded,
                HttpMethod.DELETE, null, JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("messageId").asText()).isEqualTo(discarded);
        assertThat(response.getBody().path("type").asText()).isEqualTo("inventory.StockReserved");
        awaitDepth(REPLIES_PARKING, 1);
        assertThat(parkedIds(REPLIES_PARKING)).containsExactly(kept);
        assertThat(asOperator().exchange(API + "/" + REPLIES_PARKING + "/" + discarded, HttpMethod.DELETE, null,
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void recordsAReplayAndADiscardOfASagasRepliesInThatSagasTimeline() {
        UUID orderId = UUID.randomUUID();
        publishOrderCreated(orderId);
        eventually().untilAsserted(() -> assertThat(sagaStatuses(orderId)).containsExactly("RUNNING"));
        UUID sagaId = jdbc.queryForObject("SELECT id FROM orchestrator.saga WHERE business_key = ?", UUID.class,
                orderId.toString());
        String replayed = parkReplyOf(sagaId, orderId);
        String discarded = parkReplyOf(sagaId, orderId);
        awaitDepth(REPLIES_PARKING, 2);

        assertThat(asOperator().postForEntity(API + "/" + REPLIES_PARKING + "/replay?messageId=" + replayed, null,
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(asOperator().exchange(API + "/" + REPLIES_PARKING + "/" + discarded, HttpMethod.DELETE, null,
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(jdbc.queryForList("""
                SELECT message_id || ' ' || step || ' ' || detail FROM orchestrator.saga_timeline
                WHERE saga_id = ? AND kind = 'ADMIN_ACTION' ORDER BY id""", String.class, sagaId)).containsExactly(
                replayed + " reserve-stock operator replayed it from " + REPLIES_PARKING + " to "
                        + Topology.RETRY + "/" + OrchestratorQueues.REPLIES,
                discarded + " reserve-stock operator discarded it from " + REPLIES_PARKING);
    }

    @Test
    void aReplayedReplyIsAppliedOnlyFromTheSenderItsParkedCopyRecorded() {
        UUID orderId = UUID.randomUUID();
        publishOrderCreated(orderId);
        eventually().untilAsserted(() -> assertThat(sagaStatuses(orderId)).containsExactly("RUNNING"));
        UUID sagaId = jdbc.queryForObject("SELECT id FROM orchestrator.saga WHERE business_key = ?", UUID.class,
                orderId.toString());
        UUID command = jdbc.queryForObject("""
                SELECT message_id FROM orchestrator.saga_timeline
                WHERE saga_id = ? AND kind = 'COMMAND_SENT' AND step = 'reserve-stock'""", UUID.class, sagaId);
        String unverified = parkAnswerOf(sagaId, orderId, command, "");
        String fromInventory = parkAnswerOf(sagaId, orderId, command, identity.ownUser());
        awaitDepth(REPLIES_PARKING, 2);

        asOperator().postForEntity(API + "/" + REPLIES_PARKING + "/replay?messageId=" + unverified, null,
                JsonNode.class);
        eventually().untilAsserted(() -> assertThat(jdbc.queryForList("""
                SELECT detail FROM orchestrator.saga_timeline WHERE saga_id = ? AND kind = 'REPLY_IGNORED'
                AND message_id = ?::uuid""", String.class, sagaId, unverified))
                .anyMatch(reason -> reason.contains("no verified sender")));
        assertThat(machineState(sagaId)).isEqualTo("reserve-stock");

        asOperator().postForEntity(API + "/" + REPLIES_PARKING + "/replay?messageId=" + fromInventory, null,
                JsonNode.class);
        eventually().untilAsserted(() -> assertThat(machineState(sagaId)).isEqualTo("authorize-payment"));
    }

    /**
     * The answer to the saga's first step as the orchestrator parks a reply it received: a copy of its own, with
     * the original's verified sender ({@code ""} for none) and routing key recorded. Returns its message id.
     */
    private String parkAnswerOf(UUID sagaId, UUID orderId, UUID command, String sender) {
        Envelope envelope = new Envelope(UUID.randomUUID(), "inventory.StockReserved", 1, sagaId,
                "order-fulfilment", "reserve-stock", 1, command, command, null, Instant.now(), null);
        Message parked = codec.toAmqp(envelope, codec.payloadJson(new StockReserved(orderId)));
        parked.getMessageProperties().setHeader(SenderIdentity.SENDER, sender);
        parked.getMessageProperties().setHeader(SenderIdentity.SENDER_ROUTING_KEY,
                "order-fulfilment.inventory.stock-reserved");
        parked.getMessageProperties().setHeader(ParkingLot.ERROR_MESSAGE, "database down");
        rabbit.send(Topology.DEAD_LETTER, OrchestratorQueues.REPLIES, parked);
        return envelope.messageId().toString();
    }

    private String machineState(UUID sagaId) {
        return jdbc.queryForObject("SELECT machine_state FROM orchestrator.saga WHERE id = ?", String.class, sagaId);
    }

    /** A reply to the saga's first step, as its consumer would have parked it. Returns its message id. */
    private String parkReplyOf(UUID sagaId, UUID orderId) {
        Envelope envelope = new Envelope(UUID.randomUUID(), "inventory.StockReserved", 1, sagaId,
                "order-fulfilment", "reserve-stock", 1, UUID.randomUUID(), null, null, Instant.now(), null);
        Message parked = codec.toAmqp(envelope, codec.payloadJson(new StockReserved(orderId)));
        parked.getMessageProperties().setHeader(ParkingLot.ORIGINAL_EXCHANGE, Topology.REPLIES);
        parked.getMessageProperties().setHeader(ParkingLot.ORIGINAL_ROUTING_KEY,
                "order-fulfilment.inventory.stock-reserved");
        rabbit.send(Topology.DEAD_LETTER, OrchestratorQueues.REPLIES, parked);
        return envelope.messageId().toString();
    }

    @Test
    void replaysOnlyToTheParkingQueuesOwnWorkQueueWhateverItsHeadersSay() {
        String elsewhere = "test.payment-commands-" + UUID.randomUUID();
        admin.declareQueue(QueueBuilder.nonDurable(elsewhere).autoDelete().build());
        admin.declareBinding(BindingBuilder.bind(new Queue(elsewhere)).to(new TopicExchange(Topology.COMMANDS))
                .with("payment.#"));
        try {
            Envelope envelope = Envelope.event("payment.VoidPayment");
            Message forged = codec.toAmqp(envelope, "{}");
            forged.getMessageProperties().setHeader(ParkingLot.ORIGINAL_EXCHANGE, Topology.COMMANDS);
            forged.getMessageProperties().setHeader(ParkingLot.ORIGINAL_ROUTING_KEY, "payment.void-payment");
            rabbit.send(Topology.DEAD_LETTER, OrchestratorQueues.REPLIES, forged);
            awaitDepth(REPLIES_PARKING, 1);
            JsonNode listed = peek(REPLIES_PARKING).path("messages").get(0);
            assertThat(listed.path("publishedTo").path("routingKey").asText()).isEqualTo("payment.void-payment");
            assertThat(listed.path("replayTo").path("routingKey").asText()).isEqualTo(OrchestratorQueues.REPLIES);

            ResponseEntity<JsonNode> response = asOperator().postForEntity(API + "/" + REPLIES_PARKING
                    + "/replay?messageId=" + envelope.messageId(), null, JsonNode.class);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody().path("replayTo").path("exchange").asText()).isEqualTo(Topology.RETRY);
            assertThat(response.getBody().path("replayTo").path("routingKey").asText())
                    .isEqualTo(OrchestratorQueues.REPLIES);
            // Back in its own work queue, which cannot use a payment command and parks it again.
            eventually().untilAsserted(() -> assertThat(peek(REPLIES_PARKING).path("messages").get(0)
                    .path("errorClass").asText()).isEqualTo("dev.saga.messaging.MalformedMessageException"));
            assertThat(depth(elsewhere)).as("messages reaching payment's commands").isZero();
        } finally {
            admin.deleteQueue(elsewhere);
        }
    }

    @Test
    void refusesAReplayWhenTheWorkQueueHasNoRetryRoute() {
        String workQueue = "test-" + UUID.randomUUID().toString().substring(0, 8) + ".commands";
        Declarables withoutTiers = Topology.workQueue(workQueue, new RetrySettings(List.of()), Topology.COMMANDS,
                workQueue + ".#");
        withoutTiers.getDeclarables().forEach(this::declare);
        String parking = Topology.parkingQueue(workQueue);
        try {
            Envelope envelope = Envelope.event("inventory.ReserveStock");
            rabbit.send(Topology.DEAD_LETTER, workQueue, codec.toAmqp(envelope, "{}"));
            awaitDepth(parking, 1);

            ResponseEntity<JsonNode> response = asOperator().postForEntity(API + "/" + parking + "/replay?messageId="
                    + envelope.messageId(), null, JsonNode.class);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(response.getBody().path("title").asText()).isEqualTo("Message not replayed");
            assertThat(response.getBody().path("detail").asText()).contains(Topology.RETRY, workQueue,
                    "without retry tiers");
            awaitDepth(parking, 1);
            assertThat(depth(workQueue)).isZero();
        } finally {
            admin.deleteQueue(workQueue);
            admin.deleteQueue(parking);
        }
    }

    @Test
    void aMessageWithoutMessageIdIsListedReplayedAndDiscardedByAnIdDerivedFromItsContent() {
        Message small = codec.toAmqp(Envelope.event("inventory.StockReserved"), "{\"orderId\":\"o-1\"}");
        small.getMessageProperties().setMessageId(null);
        Message large = codec.toAmqp(Envelope.event("inventory.StockReserved"), "{\"note\":\""
                + "x".repeat(RabbitManagement.BODY_LIMIT + 100) + "\"}");
        large.getMessageProperties().setMessageId(null);
        rabbit.send(Topology.DEAD_LETTER, OrchestratorQueues.REPLIES, small);
        rabbit.send(Topology.DEAD_LETTER, OrchestratorQueues.REPLIES, large);
        awaitDepth(REPLIES_PARKING, 2);

        List<String> ids = parkedIds(REPLIES_PARKING);
        assertThat(ids).hasSize(2).allMatch(id -> id.startsWith(ParkedMessageIds.DERIVED_PREFIX))
                .doesNotHaveDuplicates();
        assertThat(parkedIds(REPLIES_PARKING)).as("the same ids when listed again").isEqualTo(ids);

        ResponseEntity<JsonNode> discard = asOperator().exchange(API + "/" + REPLIES_PARKING + "/" + ids.get(1),
                HttpMethod.DELETE, null, JsonNode.class);
        assertThat(discard.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(discard.getBody().path("messageId").asText()).isEqualTo(ids.get(1));
        awaitDepth(REPLIES_PARKING, 1);
        assertThat(parkedIds(REPLIES_PARKING)).containsExactly(ids.get(0));

        ResponseEntity<JsonNode> replay = asOperator().postForEntity(API + "/" + REPLIES_PARKING + "/replay?messageId="
                + ids.get(0), null, JsonNode.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replay.getBody().path("messageIds").get(0).asText()).isEqualTo(ids.get(0));
        // Without a message id its work queue parks it again, under the same derived id.
        eventually().untilAsserted(() -> assertThat(peek(REPLIES_PARKING).path("messages").get(0)
                .path("errorMessage").asText()).contains("message_id"));
        assertThat(parkedIds(REPLIES_PARKING)).containsExactly(ids.get(0));
    }

    private void declare(Declarable declarable) {
        if (declarable instanceof Queue queue) {
            admin.declareQueue(queue);
        } else if (declarable instanceof Binding binding) {
            admin.declareBinding(binding);
        }
    }

    @Test
    void answersNotFoundForAnUnknownQueueOrMessage() {
        String parked = publishReplyWithoutSaga();
        awaitDepth(REPLIES_PARKING, 1);

        ResponseEntity<JsonNode> unknownQueue = asViewer().getForEntity(API + "/nobody.dlq", JsonNode.class);
        assertThat(unknownQueue.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownQueue.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknownQueue.getBody().path("detail").asText()).contains("nobody.dlq");
        assertThat(asOperator().postForEntity(API + "/nobody.dlq/replay", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> unknownMessage = asOperator().postForEntity(API + "/" + REPLIES_PARKING
                + "/replay?messageId=no-such-message", null, JsonNode.class);
        assertThat(unknownMessage.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownMessage.getBody().path("messageId").asText()).isEqualTo("no-such-message");
        assertThat(asOperator().exchange(API + "/" + REPLIES_PARKING + "/no-such-message", HttpMethod.DELETE, null,
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(parkedIds(REPLIES_PARKING)).containsExactly(parked);
    }

    @Test
    void refusesQueuesThatAreNotParkingQueues() {
        String workQueue = OrchestratorQueues.REPLIES;
        List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
        answers.add(asViewer().getForEntity(API + "/" + workQueue, JsonNode.class));
        answers.add(asOperator().postForEntity(API + "/" + workQueue + "/replay", null, JsonNode.class));
        answers.add(asOperator().exchange(API + "/" + workQueue + "/some-id", HttpMethod.DELETE, null,
                JsonNode.class));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody().path("title").asText()).isEqualTo("Not a parking queue");
        });
        assertThat(asViewer().getForEntity(API + "/" + REPLIES_PARKING + "?limit=0", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void onlyAnOperatorMayReplayOrDiscard() {
        String parked = publishReplyWithoutSaga();
        awaitDepth(REPLIES_PARKING, 1);

        assertThat(http.getForEntity(API, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(RequestedByHeader.sentBy(http).postForEntity(API + "/" + REPLIES_PARKING + "/replay", null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(asViewer().postForEntity(API + "/" + REPLIES_PARKING + "/replay", null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(asViewer().exchange(API + "/" + REPLIES_PARKING + "/" + parked, HttpMethod.DELETE, null,
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(depth(REPLIES_PARKING)).isEqualTo(1);
    }

    @Test
    void saysSoWhenTheBrokerDoesNotLetTheOrchestratorReadAQueue() {
        String forbidden = "test.unreadable.dlq";
        admin.declareQueue(QueueBuilder.durable(forbidden).quorum().build());
        rabbit.send("", forbidden, codec.toAmqp(Envelope.event("inventory.StockReserved"), "{}"));
        awaitDepth(forbidden, 1);
        brokerPermissions.readOnly("^(?!test\\.unreadable\\.dlq$).*");
        try {
            ResponseEntity<JsonNode> peek = asViewer().getForEntity(API + "/" + forbidden, JsonNode.class);
            ResponseEntity<JsonNode> replay = asOperator().postForEntity(API + "/" + forbidden + "/replay", null,
                    JsonNode.class);

            assertThat(List.of(peek, replay)).allSatisfy(answer -> {
                assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
                assertThat(answer.getBody().path("title").asText()).isEqualTo("Refused by RabbitMQ");
                assertThat(answer.getBody().path("detail").asText()).contains("ACCESS_REFUSED", forbidden);
            });
        } finally {
            brokerPermissions.readOnly(".*");
            admin.deleteQueue(forbidden);
        }
    }

    private static long depthOf(JsonNode queues, String queue) {
        for (JsonNode parking : queues) {
            if (queue.equals(parking.path("queue").asText())) {
                return parking.path("depth").asLong();
            }
        }
        return -1;
    }
}
