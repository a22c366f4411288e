package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.messaging.testing.RealServices;
import dev.saga.messaging.testing.TestedMessages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Delayed retry against real RabbitMQ: a handler that fails is tried again after each tier's delay, a message
 * that keeps failing is parked with the reason after the last tier, and a malformed one is parked at once,
 * while the messages behind them keep flowing.
 */
@SpringBootTest(classes = RetryTiersIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.flyway.schemas=retry", "saga.retry.delays=1s,2s,3s"})
@DirtiesContext // closed before the JVM exits and its database is dropped, so the forked JVM ends promptly
class RetryTiersIT {

    private static final String QUEUE = "flaky.commands";
    private static final String ROUTING_KEY = "flaky.approve-order";
    private static final String TYPE = "order.ApproveOrder";
    private static final Duration SLACK = Duration.ofSeconds(3);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({MessagingConfiguration.class, TestedMessages.class})
    static class App {

        @Bean
        Declarables flakyQueue(RetrySettings retry) {
            return Topology.workQueue(QUEUE, retry, Topology.COMMANDS, "flaky.#");
        }

        @Bean
        FlakyHandler flakyHandler() {
            return new FlakyHandler();
        }

        @Bean
        BatchingConsumer flakyListener(ConnectionFactory connections, EnvelopeCodec codec, FailureRouter failures,
                                       FlakyHandler handler, ConsumerSettings settings) {
            return new BatchingConsumer(connections, QUEUE, codec, failures, MessageTracing.none(),
                    handler, settings, new SimpleMeterRegistry());
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @Autowired
    FlakyHandler handler;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    EnvelopeCodec codec;
    @Autowired
    RetrySettings retry;
    @Autowired
    SenderIdentity identity;

    private final List<Message> parked = new CopyOnWriteArrayList<>();

    @Test
    void succeedsOnTheFourthAttemptAfterWaitingOutEachTierInTurn() {
        UUID id = publishFailing(3);

        await().atMost(Duration.ofSeconds(20)).until(() -> handler.handled(id));

        List<Instant> attempts = handler.attemptsOf(id);
        assertThat(attempts).hasSize(4);
        for (int tier = 1; tier <= retry.tiers(); tier++) {
            Duration gap = Duration.between(attempts.get(tier - 1), attempts.get(tier));
            assertThat(gap).as("wait before attempt %d", tier + 1)
                    .isGreaterThanOrEqualTo(retry.delay(tier))
                    .isLessThan(retry.delay(tier).plus(SLACK));
        }
        for (int tier = 1; tier <= retry.tiers(); tier++) {
            assertThat(depth(Topology.retryQueue(QUEUE, tier))).as("retry tier %d", tier).isZero();
        }
        assertThat(depth(QUEUE)).isZero();
        assertThat(parkedMessage(id)).isNull();
        assertThat(handler.attemptsOf(id)).hasSize(4);
    }

    @Test
    void parksAMessageThatFailsAfterTheLastTierWithTheErrorAndWhereItCameFrom() {
        UUID failing = publishFailing(Integer.MAX_VALUE);
        UUID healthy = publishFailing(0);

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.handled(healthy));
        assertThat(handler.attemptsOf(failing)).as("attempts of the failing message meanwhile").hasSizeLessThan(3);
        Message message = await().atMost(Duration.ofSeconds(20)).until(() -> parkedMessage(failing), m -> m != null);

        List<Instant> attempts = handler.attemptsOf(failing);
        assertThat(attempts).hasSize(retry.tiers() + 1);
        Map<String, Object> headers = message.getMessageProperties().getHeaders();
        assertThat(headers).containsEntry(ParkingLot.ERROR_CLASS, IllegalStateException.class.getName())
                .containsEntry(ParkingLot.ERROR_MESSAGE, FlakyHandler.ERROR)
                .containsEntry(ParkingLot.ATTEMPTS, retry.tiers() + 1)
                .containsEntry(ParkingLot.ORIGINAL_EXCHANGE, Topology.COMMANDS)
                .containsEntry(ParkingLot.ORIGINAL_ROUTING_KEY, ROUTING_KEY)
                .containsEntry(SenderIdentity.SENDER, identity.ownUser())
                .containsEntry(SenderIdentity.SENDER_ROUTING_KEY, ROUTING_KEY);
        assertThat(message.getMessageProperties().getReceivedUserId()).as("the parked copy's publisher")
                .isEqualTo(identity.ownUser());
        Instant firstFailure = Instant.parse(headers.get(ParkingLot.FIRST_FAILURE).toString());
        assertThat(firstFailure).isBetween(attempts.get(0), attempts.get(1));
        assertThat(codec.fromAmqp(message).payloadAs(ApproveOrder.class).orderId()).isNotNull();
        for (int tier = 1; tier <= retry.tiers(); tier++) {
            assertThat(depth(Topology.retryQueue(QUEUE, tier))).as("retry tier %d", tier).isZero();
        }
    }

    @Test
    void parksMalformedMessagesAtOnceWhileTheMessagesBehindThemAreHandled() {
        String notJson = publishRaw(TYPE, "{not json");
        String unknownType = publishRaw("nobody.KnowsThis", codec.payloadJson(new ApproveOrder(UUID.randomUUID())));
        List<UUID> behind = List.of(publishFailing(0), publishFailing(0), publishFailing(0));

        await().atMost(Duration.ofSeconds(5)).until(() -> behind.stream().allMatch(handler::handled));
        for (String id : List.of(notJson, unknownType)) {
            Message message = await().atMost(Duration.ofSeconds(5)).until(() -> parkedMessage(id), m -> m != null);
            assertThat(message.getMessageProperties().getHeaders())
                    .containsEntry(ParkingLot.ERROR_CLASS, MalformedMessageException.class.getName())
                    .containsEntry(ParkingLot.ATTEMPTS, 1)
                    .containsEntry(ParkingLot.ORIGINAL_EXCHANGE, Topology.COMMANDS)
                    .containsEntry(ParkingLot.ORIGINAL_ROUTING_KEY, ROUTING_KEY)
                    .containsKeys(ParkingLot.ERROR_MESSAGE, ParkingLot.FIRST_FAILURE);
        }
        assertThat(depth(Topology.retryQueue(QUEUE, 1))).isZero();
    }

    /** Publishes a valid command the handler fails {@code failures} times before it succeeds. */
    private UUID publishFailing(int failures) {
        Envelope envelope = Envelope.event(TYPE);
        handler.failTimes(envelope.messageId(), failures);
        Message message = codec.toAmqp(envelope, codec.payloadJson(new ApproveOrder(UUID.randomUUID())));
        rabbit.send(Topology.COMMANDS, ROUTING_KEY, message);
        return envelope.messageId();
    }

    private String publishRaw(String type, String body) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(UUID.randomUUID().toString());
        props.setType(type);
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(Topology.COMMANDS, ROUTING_KEY, new Message(body.getBytes(StandardCharsets.UTF_8), props));
        return props.getMessageId();
    }

    private Message parkedMessage(Object messageId) {
        Message message;
        while ((message = rabbit.receive(Topology.parkingQueue(QUEUE))) != null) {
            parked.add(message);
        }
        return parked.stream().filter(m -> messageId.toString().equals(m.getMessageProperties().getMessageId()))
                .findFirst().orElse(null);
    }

    private long depth(String queue) {
        return admin.getQueueInfo(queue).getMessageCount();
    }

    /**
     * Fails each message as often as the test planned, and remembers when every attempt began. Like a real batch
     * handler it works in one transaction: a batch that fails leaves no trace, and only the single attempts that
     * follow count.
     */
    static final class FlakyHandler implements BatchHandler {

        static final String ERROR = "warehouse database unavailable";

        private final Map<UUID, Integer> plannedFailures = new ConcurrentHashMap<>();
        private final Map<UUID, List<Instant>> attempts = new ConcurrentHashMap<>();
        private final Set<UUID> handled = ConcurrentHashMap.newKeySet();

        void failTimes(UUID messageId, int failures) {
            plannedFailures.put(messageId, failures);
        }

        @Override
        public void handle(List<IncomingMessage> batch) {
            if (batch.size() > 1 && batch.stream().anyMatch(this::failsNow)) {
                throw new IllegalStateException(ERROR);
            }
            for (IncomingMessage message : batch) {
                boolean fails = failsNow(message);
                attempts.computeIfAbsent(id(message), key -> new CopyOnWriteArrayList<>()).add(Instant.now());
                if (fails) {
                    throw new IllegalStateException(ERROR);
                }
            }
            batch.forEach(message -> handled.add(id(message)));
        }

        private boolean failsNow(IncomingMessage message) {
            return attemptsOf(id(message)).size() < plannedFailures.getOrDefault(id(message), 0);
        }

        private static UUID id(IncomingMessage message) {
            return message.envelope().messageId();
        }

        boolean handled(UUID messageId) {
            return handled.contains(messageId);
        }

        List<Instant> attemptsOf(UUID messageId) {
            return List.copyOf(attempts.getOrDefault(messageId, List.of()));
        }
    }
}
