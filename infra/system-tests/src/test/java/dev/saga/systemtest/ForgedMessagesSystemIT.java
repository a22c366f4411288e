package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.saga.contract.Contracts;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.MessageRegistry;
import dev.saga.messaging.ParkingLot;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.orderfulfilment.OrderFulfilmentSaga;
import dev.saga.testbed.SystemTopology;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Messages forged by a participant's own broker login, as the live probe sent them. A dead letter it parks in
 * its own parking queue, whatever headers it carries, is replayed to that participant's own work queue and
 * nowhere else, and it cannot park one in anyone else's; a reply it publishes for another participant's step is
 * ignored, and the saga does not move.
 */
class ForgedMessagesSystemIT {

    @RegisterExtension
    static final SystemUnderTest SUT = new SystemUnderTest(() -> RunningSystem.start());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final EnvelopeCodec CODEC = new EnvelopeCodec(JSON, MessageRegistry.of(Contracts.ORDER_MESSAGES));
    /** The exchanges a replay could reach anything through; the parking exchange is where the forgery starts. */
    private static final List<String> ROUTES = List.of(Topology.COMMANDS, Topology.REPLIES, Topology.EVENTS,
            Topology.RETRY);
    /** Every table a saga or a participant's effect would leave a row in. */
    private static final List<String> EFFECTS = List.of("orchestrator.saga", "orchestrator.saga_timeline",
            "orders.orders", "orders.inbox", "inventory.reservation", "inventory.inbox",
            "payment.authorization_hold", "payment.ledger_entry", "payment.inbox", "shipping.shipment",
            "shipping.inbox", "notification.notification", "notification.inbox", "risk.review");

    @ParameterizedTest
    @MethodSource("dev.saga.testbed.SystemTopology#participantNames")
    void aForgedDeadLetterFromAParticipantsLoginReachesNothingButItsOwnWorkQueue(String participant)
            throws Exception {
        String workQueue = SystemTopology.service(participant).workQueue();
        String parking = Topology.parkingQueue(workQueue);
        SUT.invariants().expectParked(parking);
        RunningSystem system = SUT.system();
        RabbitAdmin admin = new RabbitAdmin(system.rabbit());
        UUID order = UUID.randomUUID();
        Envelope envelope = Envelope.event(MessageTypes.nameOf(OrderCreated.class));
        Message forged = CODEC.toAmqp(envelope, CODEC.payloadJson(new OrderCreated(order, "mallory",
                List.of(new OrderLine("SKU-BOOK", 1)), 1200)));
        forged.getMessageProperties().setHeader(ParkingLot.ORIGINAL_EXCHANGE, Topology.EVENTS);
        forged.getMessageProperties().setHeader(ParkingLot.ORIGINAL_ROUTING_KEY, "order.created");
        forged.getMessageProperties().setHeader(ParkingLot.ERROR_MESSAGE, "please replay me");
        int parkedBefore = depth(admin, parking);
        system.rabbitAs(participant).send(Topology.DEAD_LETTER, workQueue, forged);
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(admin, parking) == parkedBefore + 1);

        String spy = spyOnEveryRoute(admin);
        try {
            Map<String, Integer> queuesBefore = depthsOfEveryQueue(admin);
            Map<String, Long> effectsBefore = effectRows();

            HttpResponse<String> replay = asOperator("POST", "/api/dead-letters/" + parking + "/replay?messageId="
                    + envelope.messageId());

            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(replay.body());
            assertThat(answer.path("replayed").asInt()).isEqualTo(1);
            assertThat(answer.path("replayTo").path("exchange").asText()).isEqualTo(Topology.RETRY);
            assertThat(answer.path("replayTo").path("routingKey").asText()).isEqualTo(workQueue);
            Message copy = await().atMost(Duration.ofSeconds(10)).until(() -> system.rabbit().receive(spy),
                    received -> received != null);
            assertThat(copy.getMessageProperties().getReceivedExchange()).isEqualTo(Topology.RETRY);
            assertThat(copy.getMessageProperties().getReceivedRoutingKey()).isEqualTo(workQueue);
            assertThat(copy.getMessageProperties().getMessageId()).isEqualTo(envelope.messageId().toString());
            // Its own work queue cannot use an OrderCreated, and parks it again under the participant's own error;
            // except risk's, which reviews new orders: it takes this one as its own, too small to review.
            String inbox = SystemTopology.service(participant).schema() + ".inbox";
            await().atMost(Duration.ofSeconds(20)).until(() -> handled(inbox, envelope) || parkedErrors(parking)
                    .stream().anyMatch(error -> error.contains("has no handler for order.OrderCreated")));

            assertThat(system.rabbit().receive(spy)).as("anything else the replay published").isNull();
            Map<String, Integer> queuesAfter = depthsOfEveryQueue(admin);
            queuesBefore.keySet().removeIf(queue -> queue.startsWith(workQueue));
            queuesAfter.keySet().removeIf(queue -> queue.startsWith(workQueue));
            assertThat(queuesAfter).as("every other queue's depth").isEqualTo(queuesBefore);
            assertThat(effectRows()).as("rows of sagas and effects").isEqualTo(effectsBefore);
            assertThat(SUT.shop().sagaStatus(order)).isEqualTo("NONE");
        } finally {
            admin.deleteQueue(spy);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.saga.testbed.SystemTopology#participantNames")
    void aParticipantCannotParkAMessageInAnotherQueuesParkingQueue(String participant) throws Exception {
        String own = SystemTopology.service(participant).workQueue();
        List<String> others = SystemTopology.workQueues().stream().filter(queue -> !queue.equals(own)).toList();
        ConnectionFactory login = new ConnectionFactory();
        login.setHost(SUT.system().argumentValue("spring.rabbitmq.host"));
        login.setPort(Integer.parseInt(SUT.system().argumentValue("spring.rabbitmq.port")));
        login.setUsername(SUT.system().brokerUser(participant));
        login.setPassword(SUT.system().brokerPassword());
        login.setVirtualHost(SUT.system().virtualHost());
        try (Connection connection = login.newConnection()) {
            for (String other : others) {
                Channel channel = connection.createChannel();
                channel.confirmSelect();
                assertThatThrownBy(() -> {
                    channel.basicPublish(Topology.DEAD_LETTER, other, null, "{}".getBytes(StandardCharsets.UTF_8));
                    channel.waitForConfirmsOrDie(5000);
                }).as(participant + " parking a message for " + other).hasStackTraceContaining("ACCESS_REFUSED");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.saga.testbed.SystemTopology#commandedParticipantNames")
    void aReplyForgedByAParticipantForAnotherParticipantsStepIsIgnored(String forger) {
        boolean forgingPayment = !"payment".equals(forger);
        String victim = forgingPayment ? "payment" : "inventory";
        String step = forgingPayment ? "authorize-payment" : "reserve-stock";
        RunningSystem system = SUT.system();
        system.pauseConsumer(victim);
        try {
            UUID order = SUT.shop().placeOrder("alice", "SKU-BOOK", 1);
            UUID saga = awaitCommandSent(order, step);
            Object reply = forgingPayment ? new PaymentAuthorized(order, UUID.randomUUID()) : new StockReserved(order);

            publishReply(system.rabbitAs(forger), OrderFulfilmentSaga.TYPE + "." + forger + "."
                    + MessageTypes.kebab(reply.getClass()), saga, step, reply);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ignoredReasons(saga))
                    .anyMatch(reason -> reason.contains("sent by broker user " + system.brokerUser(forger))
                            && reason.contains(system.brokerUser(victim))));
            assertThat(stateOf(saga)).isEqualTo(step);
            assertThat(appliedReplies(saga, step)).isZero();
        } finally {
            system.resumeConsumer(victim);
        }
        // Then the real participant answers, and the saga goes on as if nothing had happened (the invariants).
    }

    @Test
    void aReplyWithTheRightRoutingKeyButWithoutTheParticipantsUserIdIsIgnored() {
        RunningSystem system = SUT.system();
        system.pauseConsumer("payment");
        try {
            UUID order = SUT.shop().placeOrder("alice", "SKU-BOOK", 1);
            UUID saga = awaitCommandSent(order, "authorize-payment");
            String routingKey = OrderFulfilmentSaga.TYPE + ".payment.payment-authorized";

            publishReply(system.rabbit(), routingKey, saga, "authorize-payment",
                    new PaymentAuthorized(order, UUID.randomUUID()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ignoredReasons(saga))
                    .anyMatch(reason -> reason.contains("no verified sender")));

            String admin = system.argumentValue("spring.rabbitmq.username");
            Message withAdminsUserId = reply(saga, "authorize-payment",
                    new PaymentAuthorized(order, UUID.randomUUID()));
            withAdminsUserId.getMessageProperties().setUserId(admin);
            system.rabbit().send(Topology.REPLIES, routingKey, withAdminsUserId);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ignoredReasons(saga))
                    .anyMatch(reason -> reason.contains("sent by broker user " + admin)));

            assertThat(stateOf(saga)).isEqualTo("authorize-payment");
            assertThat(appliedReplies(saga, "authorize-payment")).isZero();
        } finally {
            system.resumeConsumer("payment");
        }
    }

    /** Waits until the saga of the order sent its step's command; returns the saga's id. */
    private UUID awaitCommandSent(UUID order, String step) {
        UUID saga = OrderFulfilmentSaga.DEFINITION.sagaIdFor(order.toString());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stateOf(saga)).isEqualTo(step));
        return saga;
    }

    /** A reply to the step's command that anyone who saw the saga id can compute: its correlation id included. */
    private Message reply(UUID saga, String step, Object payload) {
        UUID command = SUT.system().database().queryForObject("""
                SELECT message_id FROM orchestrator.saga_timeline
                WHERE saga_id = ? AND step = ? AND kind = 'COMMAND_SENT' ORDER BY id LIMIT 1""",
                UUID.class, saga, step);
        Envelope envelope = new Envelope(UUID.randomUUID(), MessageTypes.nameOf(payload.getClass()), 1, saga,
                OrderFulfilmentSaga.TYPE, step, 1, command, command, null, Instant.now(), null);
        return CODEC.toAmqp(envelope, CODEC.payloadJson(payload));
    }

    private void publishReply(RabbitTemplate as, String routingKey, UUID saga, String step, Object payload) {
        as.send(Topology.REPLIES, routingKey, reply(saga, step, payload));
    }

    private String stateOf(UUID saga) {
        return SUT.system().database().queryForList("SELECT machine_state FROM orchestrator.saga WHERE id = ?",
                String.class, saga).stream().findFirst().orElse("NONE");
    }

    private List<String> ignoredReasons(UUID saga) {
        return SUT.system().database().queryForList("SELECT detail FROM orchestrator.saga_timeline"
                + " WHERE saga_id = ? AND kind = 'REPLY_IGNORED' ORDER BY id", String.class, saga);
    }

    private long appliedReplies(UUID saga, String step) {
        Long applied = SUT.system().database().queryForObject("SELECT count(*) FROM orchestrator.saga_timeline"
                + " WHERE saga_id = ? AND step = ? AND kind = 'REPLY_APPLIED'", Long.class, saga, step);
        return applied == null ? 0 : applied;
    }

    /** A queue bound with {@code #} to every exchange a replay could publish through: it sees every publish. */
    private static String spyOnEveryRoute(RabbitAdmin admin) {
        String spy = "test.replay-spy-" + UUID.randomUUID();
        admin.declareQueue(QueueBuilder.nonDurable(spy).autoDelete().build());
        for (String exchange : ROUTES) {
            admin.declareBinding(BindingBuilder.bind(new Queue(spy)).to(new TopicExchange(exchange)).with("#"));
        }
        return spy;
    }

    /**
     * Every queue of the virtual host, as the management API lists them, with its depth as the broker counts it
     * now (the management API's own counts lag by seconds); the test's spy queue aside.
     */
    private static Map<String, Integer> depthsOfEveryQueue(RabbitAdmin admin) throws Exception {
        JsonNode queues = JSON.readTree(management("/api/queues/" + URLEncoder.encode(SUT.system().virtualHost(),
                StandardCharsets.UTF_8) + "?columns=name"));
        Map<String, Integer> depths = new TreeMap<>();
        for (JsonNode queue : queues) {
            String name = queue.path("name").asText();
            if (!name.startsWith("test.replay-spy-")) {
                depths.put(name, depth(admin, name));
            }
        }
        assertThat(depths).as("queues of the virtual host").containsKeys("orchestrator.replies", "order.commands",
                "notification.events.dlq");
        return depths;
    }

    private static int depth(RabbitAdmin admin, String queue) {
        return admin.getQueueInfo(queue).getMessageCount();
    }

    private static Map<String, Long> effectRows() {
        return EFFECTS.stream().collect(Collectors.toMap(Function.identity(), table -> SUT.system().database()
                .queryForObject("SELECT count(*) FROM " + table, Long.class), (a, b) -> a, TreeMap::new));
    }

    private static boolean handled(String inbox, Envelope envelope) {
        return SUT.system().database().queryForObject("SELECT count(*) FROM " + inbox + " WHERE message_id = ?",
                Long.class, envelope.messageId()) > 0;
    }

    private static List<String> parkedErrors(String parking) throws Exception {
        HttpResponse<String> peek = asOperator("GET", "/api/dead-letters/" + parking);
        assertThat(peek.statusCode()).as(peek.body()).isEqualTo(200);
        return JSON.readTree(peek.body()).path("messages").findValuesAsText("errorMessage");
    }

    private static HttpResponse<String> asOperator(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SUT.system().orchestratorUrl() + path))
                .header("Authorization", basic("operator:operator-pass"))
                .header("X-Requested-By", "test")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String management(String path) throws Exception {
        String admin = SUT.system().argumentValue("spring.rabbitmq.username") + ":"
                + SUT.system().argumentValue("spring.rabbitmq.password");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(RealServices.managementUrl()
                + path)).header("Authorization", basic(admin)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
    }
}
