package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.messaging.testing.RealServices;
import dev.saga.messaging.testing.TestedMessages;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.RabbitUtils;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The batching consumer against real RabbitMQ: it hands over what is already delivered and never waits for
 * more, keeps the order, acknowledges everything it handled, keeps malformed, failing and redelivered messages
 * from harming their batch-mates, survives a lost connection and a cancelled subscription, and loses nothing
 * when it stops. Each test consumes a queue of its own, started once the test has put in what it needs.
 */
@SpringBootTest(classes = BatchingConsumerIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.flyway.schemas=batching", "saga.retry.delays=10m"})
@DirtiesContext // closed before the JVM exits and its database is dropped, so the forked JVM ends promptly
class BatchingConsumerIT {

    private static final String TYPE = "order.ApproveOrder";
    private static final ConsumerSettings SETTINGS = new ConsumerSettings(20, 1, 16);
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger QUEUES = new AtomicInteger();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({MessagingConfiguration.class, TestedMessages.class})
    static class App {
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @Autowired
    ConnectionFactory connections;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    EnvelopeCodec codec;
    @Autowired
    FailureRouter failures;
    @Autowired
    RetrySettings retry;
    @Value("${spring.rabbitmq.virtual-host}")
    String vhost;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<BatchingConsumer> consumers = new ArrayList<>();

    @AfterEach
    void stopConsumers() {
        consumers.forEach(BatchingConsumer::stop);
    }

    @Test
    void handsAMessageOnAQuietQueueOverAloneWithoutWaitingForASecond() {
        String queue = declareQueue();
        RecordingHandler recorder = new RecordingHandler();
        consumer(queue, recorder).start();

        UUID first = publish(queue);
        await().atMost(LONG).until(() -> recorder.handled().contains(first));
        UUID second = publish(queue);
        await().atMost(LONG).until(() -> recorder.handled().contains(second));

        assertThat(recorder.calls()).containsExactly(List.of(first), List.of(second));
        DistributionSummary sizes = registry.get(ConsumerMetrics.BATCH_SIZE).tag("queue", queue).summary();
        assertThat(sizes.count()).isEqualTo(2);
        assertThat(sizes.max()).isEqualTo(1);
    }

    @Test
    void handsAFilledQueueOverInBatchesOfAtMostTheBatchSizeInOrderAndAcknowledgesThemAll() {
        String queue = declareQueue();
        RecordingHandler recorder = new RecordingHandler();
        BatchingConsumer consumer = consumer(queue, recorder);
        consumer.start();
        UUID blocker = holdFirstCall(queue, recorder);

        List<UUID> queued = inOrder(ops -> IntStream.range(0, 60).mapToObj(i -> publish(ops, queue)).toList());
        // The rest of the prefetch arrives while the first message is handled, so the next batch is a full one.
        await().atMost(LONG).until(() -> consumer.buffered() >= SETTINGS.effectivePrefetch() - 1);
        recorder.release();

        await().atMost(LONG).until(() -> recorder.handled().size() > queued.size());
        assertThat(recorder.handled()).first().isEqualTo(blocker);
        assertThat(recorder.handled()).containsSubsequence(queued).hasSize(queued.size() + 1);
        assertThat(recorder.calls()).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(16));
        assertThat(recorder.calls().get(1)).hasSize(16);
        // The management API's figures lag a few seconds; the ack count only grows, so it is not a stale zero.
        await().atMost(LONG).untilAsserted(() -> {
            JsonNode stats = queueStats(queue);
            assertThat(stats.path("message_stats").path("ack").asLong()).isGreaterThan(queued.size());
            assertThat(stats.path("messages_unacknowledged").asLong()).isZero();
            assertThat(stats.path("messages_ready").asLong()).isZero();
        });
    }

    @Test
    void parksAMalformedMessageWithItsReasonAndHandsTheOthersOverInOneBatch() {
        parksTheOneThatCannotBeReadAndHandsTheOthersOverInOneBatch("{not json");
    }

    @Test
    void parksASchemaInvalidMessageWithItsReasonAndHandsTheOthersOverInOneBatch() {
        // Well-formed JSON that breaks order.ApproveOrder's schema: orderId must be a UUID string.
        parksTheOneThatCannotBeReadAndHandsTheOthersOverInOneBatch("{\"orderId\": 42}");
    }

    private void parksTheOneThatCannotBeReadAndHandsTheOthersOverInOneBatch(String unreadableBody) {
        String queue = declareQueue();
        RecordingHandler recorder = new RecordingHandler();
        BatchingConsumer consumer = consumer(queue, recorder);
        consumer.start();
        UUID blocker = holdFirstCall(queue, recorder);

        List<Object> ids = inOrder(ops -> List.of(publish(ops, queue), publishRaw(ops, queue, unreadableBody),
                publish(ops, queue), publish(ops, queue)));
        await().atMost(LONG).until(() -> consumer.buffered() >= ids.size());
        recorder.release();

        await().atMost(LONG).until(() -> recorder.handled().contains(ids.get(3)));
        assertThat(recorder.calls()).containsExactly(List.of(blocker),
                List.of((UUID) ids.get(0), (UUID) ids.get(2), (UUID) ids.get(3)));
        Message parked = await().atMost(LONG).until(() -> rabbit.receive(Topology.parkingQueue(queue)),
                message -> message != null);
        assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(ids.get(1));
        assertThat(parked.getMessageProperties().getHeaders())
                .containsEntry(ParkingLot.ERROR_CLASS, MalformedMessageException.class.getName())
                .containsEntry(ParkingLot.ATTEMPTS, 1)
                .containsKey(ParkingLot.ERROR_MESSAGE);
    }

    @Test
    void handsAFailedBatchOverOneMessageAtATimeSoOnlyTheFailingMessageIsRetried() {
        String queue = declareQueue();
        RecordingHandler recorder = new RecordingHandler();
        BatchingConsumer consumer = consumer(queue, recorder);
        consumer.start();
        UUID blocker = holdFirstCall(queue, recorder);

        List<UUID> ids = inOrder(ops -> IntStream.range(0, 3).mapToObj(i -> publish(ops, queue)).toList());
        UUID failing = ids.get(1);
        recorder.failOn(failing);
        await().atMost(LONG).until(() -> consumer.buffered() >= ids.size());
        recorder.release();

        await().atMost(LONG).until(() -> recorder.handled().contains(ids.get(2)));
        assertThat(recorder.attempts()).containsExactly(List.of(blocker), ids,
                List.of(ids.get(0)), List.of(failing), List.of(ids.get(2)));
        assertThat(recorder.handled()).containsExactly(blocker, ids.get(0), ids.get(2));
        Message retried = await().atMost(LONG).until(() -> rabbit.receive(Topology.retryQueue(queue, 1)),
                message -> message != null);
        assertThat(retried.getMessageProperties().getMessageId()).isEqualTo(failing.toString());
        assertThat(rabbit.receive(Topology.retryQueue(queue, 1))).as("nothing else retried").isNull();
        assertThat(registry.get(ConsumerMetrics.BATCH_SPLIT).tag("queue", queue)
                .tag("cause", IllegalStateException.class.getSimpleName()).counter().count()).isEqualTo(1);
    }

    @Test
    void handsARedeliveredMessageOverAloneWhileTheFreshOnesAroundItAreBatched() throws Exception {
        String queue = declareQueue();
        UUID redelivered = publish(queue);
        awaitReady(queue, 1);
        Channel raw = connections.createConnection().createChannel(false);
        GetResponse taken = raw.basicGet(queue, false);
        assertThat(taken.getProps().getMessageId()).isEqualTo(redelivered.toString());
        RecordingHandler recorder = new RecordingHandler();
        BatchingConsumer consumer = consumer(queue, recorder);
        consumer.start();
        holdFirstCall(queue, recorder);

        List<UUID> fresh = new ArrayList<>(inOrder(ops -> List.of(publish(ops, queue), publish(ops, queue))));
        // Closed without an ack, the raw channel returns its message to the queue, flagged as redelivered.
        RabbitUtils.setPhysicalCloseRequired(raw, true);
        try {
            raw.close();
        } finally {
            RabbitUtils.clearPhysicalCloseRequired();
        }
        await().atMost(LONG).until(() -> consumer.buffered() >= 3);
        fresh.addAll(inOrder(ops -> List.of(publish(ops, queue), publish(ops, queue))));
        await().atMost(LONG).until(() -> consumer.buffered() >= 5);
        recorder.release();

        await().atMost(LONG).until(() -> recorder.handled().size() >= 6);
        assertThat(recorder.calls()).filteredOn(batch -> batch.contains(redelivered))
                .containsExactly(List.of(redelivered));
        assertThat(recorder.handled()).containsAll(fresh);
        assertThat(recorder.calls()).as("fresh messages delivered together are handled together")
                .anySatisfy(batch -> assertThat(batch).hasSizeGreaterThan(1).doesNotContain(redelivered));
    }

    @Test
    void consumesAgainAfterItsConnectionWasClosed() throws Exception {
        String queue = declareQueue();
        RecordingHandler recorder = new RecordingHandler();
        consumer(queue, recorder).start();
        UUID before = publish(queue);
        await().atMost(LONG).until(() -> recorder.handled().contains(before));

        closeConnections();
        await().atMost(LONG).until(() -> registry.get(ConsumerMetrics.SUBSCRIPTION_LOST).tag("queue", queue)
                .counter().count() >= 1);
        UUID after = publishConfirmed(queue);

        await().atMost(LONG).until(() -> recorder.handled().contains(after));
    }

    @Test
    void consumesAgainAfterTheBrokerCancelledItsSubscription() {
        String queue = declareQueue();
        RecordingHandler recorder = new RecordingHandler();
        consumer(queue, recorder).start();
        UUID before = publish(queue);
        await().atMost(LONG).until(() -> recorder.handled().contains(before));

        admin.deleteQueue(queue);
        // Declared again before the broker cancelled the consumer, a quorum queue keeps the stale consumer.
        await().atMost(LONG).until(() -> registry.get(ConsumerMetrics.SUBSCRIPTION_LOST).tag("queue", queue)
                .counter().count() >= 1);
        declareQueue(queue);
        UUID after = publishConfirmed(queue);

        await().atMost(LONG).until(() -> recorder.handled().contains(after));
    }

    @Test
    void leavesWhatItHasNotHandledInTheQueueWhenItStops() throws Exception {
        String queue = declareQueue();
        RecordingHandler recorder = new RecordingHandler();
        BatchingConsumer consumer = consumer(queue, recorder);
        consumer.start();
        UUID blocker = holdFirstCall(queue, recorder);
        List<UUID> waiting = inOrder(ops -> IntStream.range(0, 9).mapToObj(i -> publish(ops, queue)).toList());
        await().atMost(LONG).until(() -> consumer.buffered() >= waiting.size());

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(consumer::stop);
        await().atMost(LONG).until(() -> !consumer.isActive());
        recorder.release();
        stopped.get(LONG.toSeconds(), TimeUnit.SECONDS);

        assertThat(consumer.isRunning()).isFalse();
        assertThat(recorder.handled()).containsExactly(blocker);
        awaitReady(queue, waiting.size());
        RecordingHandler next = new RecordingHandler();
        consumer(queue, next).start();
        await().atMost(LONG).until(() -> next.handled().size() >= waiting.size());
        assertThat(next.handled()).containsExactlyElementsOf(waiting);
    }

    /**
     * Publishes a first message to the idle consumer and holds its handler on it until
     * {@link RecordingHandler#release()}: what is published meanwhile is delivered and waits, as on a busy queue.
     * Returns the first message's id.
     */
    private UUID holdFirstCall(String queue, RecordingHandler recorder) {
        recorder.holdFirstCall();
        UUID blocker = publish(queue);
        await().atMost(LONG).untilTrue(recorder.holding());
        return blocker;
    }

    private BatchingConsumer consumer(String queue, RecordingHandler recorder) {
        BatchingConsumer consumer = new BatchingConsumer(connections, queue, codec, failures, MessageTracing.none(),
                recorder, SETTINGS, registry);
        consumers.add(consumer);
        return consumer;
    }

    private String declareQueue() {
        return declareQueue("batching.commands-" + QUEUES.incrementAndGet());
    }

    private String declareQueue(String queue) {
        for (Declarable declarable : Topology.workQueue(queue, retry, Topology.COMMANDS, queue + ".#")
                .getDeclarables()) {
            if (declarable instanceof Queue declared) {
                admin.declareQueue(declared);
            } else if (declarable instanceof Binding binding) {
                admin.declareBinding(binding);
            }
        }
        return queue;
    }

    /**
     * Publishes until the broker confirms: a publish on a connection that is just being closed is lost, and the
     * test would wait for it in vain.
     */
    private UUID publishConfirmed(String queue) {
        Envelope envelope = Envelope.event(TYPE);
        Message message = codec.toAmqp(envelope, codec.payloadJson(new ApproveOrder(UUID.randomUUID())));
        await().atMost(LONG).until(() -> {
            CorrelationData confirm = new CorrelationData();
            rabbit.send(Topology.COMMANDS, queue + ".approve-order", message, confirm);
            return confirm.getFuture().get(5, TimeUnit.SECONDS).isAck();
        });
        return envelope.messageId();
    }

    /** Publishes on one channel, so the queue holds the messages in the order they were published. */
    private <T> T inOrder(RabbitOperations.OperationsCallback<T> publishing) {
        return rabbit.invoke(publishing);
    }

    private UUID publish(String queue) {
        return publish(rabbit, queue);
    }

    private UUID publish(RabbitOperations ops, String queue) {
        Envelope envelope = Envelope.event(TYPE);
        ops.send(Topology.COMMANDS, queue + ".approve-order",
                codec.toAmqp(envelope, codec.payloadJson(new ApproveOrder(UUID.randomUUID()))));
        return envelope.messageId();
    }

    private String publishRaw(RabbitOperations ops, String queue, String body) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(UUID.randomUUID().toString());
        props.setType(TYPE);
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        ops.send(Topology.COMMANDS, queue + ".approve-order",
                new Message(body.getBytes(StandardCharsets.UTF_8), props));
        return props.getMessageId();
    }

    /** Waits until the queue holds {@code count} messages ready for delivery (a passive declare, not stats). */
    private void awaitReady(String queue, int count) {
        await().atMost(LONG).until(() -> admin.getQueueInfo(queue).getMessageCount() == count);
    }

    private JsonNode queueStats(String queue) throws Exception {
        return JSON.readTree(RealServices.management("GET", "/api/queues/" + vhost + "/" + queue, null));
    }

    /** Closes every connection of this context, as a broker restart or a network cut would. */
    private void closeConnections() throws Exception {
        await().atMost(LONG).until(() -> !servicesConnections().isEmpty());
        for (JsonNode connection : servicesConnections()) {
            String name = URLEncoder.encode(connection.get("name").asText(), StandardCharsets.UTF_8);
            RealServices.management("DELETE", "/api/connections/" + name.replace("+", "%20"), null);
        }
    }

    private List<JsonNode> servicesConnections() throws Exception {
        List<JsonNode> services = new ArrayList<>();
        for (JsonNode connection : JSON.readTree(RealServices.management("GET", "/api/vhosts/" + vhost
                + "/connections", null))) {
            if (!RealServices.isKeeper(connection)) {
                services.add(connection);
            }
        }
        return services;
    }
}
