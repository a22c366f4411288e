package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.messaging.testing.RealServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batches against real RabbitMQ and PostgreSQL: the messages a consumer found waiting are handled in one
 * transaction, in saga id order; when one of them fails, the batch rolls back and each is handled on its own, so
 * the failing one goes to its retry tier (a malformed one to its parking queue) and every other takes effect
 * exactly once. The test holds the consumer while it publishes, so the messages wait for it together.
 */
@SpringBootTest(classes = BatchHandlingIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.flyway.schemas=batches", "saga.retry.delays=1m",
            "saga.consumer.batch-size=10", "saga.consumer.batch-window=500ms", "saga.consumer.poll-timeout=100ms"})
@DirtiesContext // closed before the JVM exits and its database is dropped, so the forked JVM ends promptly
class BatchHandlingIT {

    private static final String QUEUE = "batched.commands";
    private static final String ROUTING_KEY = "batched.approve-order";
    private static final String TYPE = "order.ApproveOrder";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(MessagingConfiguration.class)
    static class App {

        @Bean
        Declarables batchedQueue(RetrySettings retry) {
            return Topology.workQueue(QUEUE, retry, Topology.COMMANDS, "batched.#");
        }

        @Bean
        RecordingHandler recordingHandler(JdbcTemplate jdbc, TransactionTemplate transaction) {
            return new RecordingHandler(jdbc, transaction);
        }

        @Bean
        SimpleMessageListenerContainer batchedListener(ListenerContainers containers, RecordingHandler handler) {
            return containers.create(QUEUE, handler);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @Autowired
    RecordingHandler handler;
    @Autowired
    SimpleMessageListenerContainer listener;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    EnvelopeCodec codec;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void holdTheConsumer() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS effect (seq bigserial PRIMARY KEY, message_id uuid NOT NULL,"
                + " saga_id text NOT NULL, tx bigint NOT NULL)");
        listener.stop();
    }

    @AfterEach
    void releaseTheConsumer() {
        listener.start();
    }

    @Test
    void handlesTheMessagesWaitingForAConsumerInOneTransactionInSagaIdOrder() {
        List<String> sagaIds = sagaIds(10);
        List<String> published = new ArrayList<>(sagaIds);
        Collections.reverse(published);
        published.forEach(sagaId -> publish(sagaId, false));

        listener.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(sagaIds).size() == 10);
        List<Map<String, Object>> effects = effects(sagaIds);
        assertThat(effects).extracting(row -> row.get("saga_id")).containsExactlyElementsOf(sagaIds);
        assertThat(effects).extracting(row -> row.get("tx")).as("one transaction").containsOnly(
                effects.get(0).get("tx"));
    }

    @Test
    void aMessageThatFailsInABatchFailsAloneWhileTheOthersTakeEffectOnce() {
        List<String> sagaIds = sagaIds(8);
        List<UUID> healthy = new ArrayList<>();
        for (int i = 0; i < sagaIds.size(); i++) {
            healthy.add(publish(sagaIds.get(i), false));
        }
        UUID failing = publish(sagaIds.get(3), true);

        listener.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(sagaIds).size() == healthy.size());
        List<Map<String, Object>> effects = effects(sagaIds);
        assertThat(effects).extracting(row -> row.get("message_id")).containsExactlyInAnyOrderElementsOf(healthy)
                .doesNotContain(failing);
        assertThat(effects).extracting(row -> row.get("tx")).as("each in its own transaction").doesNotHaveDuplicates();
        assertThat(handler.attemptsOf(failing)).as("in the batch, then alone").isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(Topology.retryQueue(QUEUE, 1)) == 1);
        assertThat(depth(QUEUE)).isZero();
    }

    @Test
    void aMalformedMessageInABatchIsParkedWhileTheOthersTakeEffectOnce() {
        List<String> sagaIds = sagaIds(5);
        List<UUID> healthy = new ArrayList<>();
        sagaIds.forEach(sagaId -> healthy.add(publish(sagaId, false)));
        String malformed = publishMalformed();

        listener.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(sagaIds).size() == healthy.size());
        assertThat(effects(sagaIds)).extracting(row -> row.get("message_id"))
                .containsExactlyInAnyOrderElementsOf(healthy);
        Message parked = await().atMost(Duration.ofSeconds(10)).until(
                () -> rabbit.receive(Topology.parkingQueue(QUEUE)), m -> m != null);
        assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(malformed);
        assertThat(parked.getMessageProperties().getHeaders())
                .containsEntry(ParkingLot.ERROR_CLASS, MalformedMessageException.class.getName());
        assertThat(depth(QUEUE)).isZero();
    }

    private static List<String> sagaIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        Collections.sort(ids);
        return ids;
    }

    private UUID publish(String sagaId, boolean failing) {
        Envelope envelope = Envelope.command(UUID.randomUUID(), TYPE, UUID.fromString(sagaId), "batched", "approve",
                1, "batched");
        if (failing) {
            handler.fail(envelope.messageId());
        }
        rabbit.send(Topology.COMMANDS, ROUTING_KEY,
                codec.toAmqp(envelope, codec.payloadJson(new ApproveOrder(UUID.randomUUID()))));
        return envelope.messageId();
    }

    private String publishMalformed() {
        MessageProperties props = new MessageProperties();
        props.setMessageId(UUID.randomUUID().toString());
        props.setType(TYPE);
        props.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(Topology.COMMANDS, ROUTING_KEY, new Message("{not json".getBytes(StandardCharsets.UTF_8), props));
        return props.getMessageId();
    }

    private List<Map<String, Object>> effects(List<String> sagaIds) {
        return jdbc.queryForList("SELECT message_id, saga_id, tx FROM effect WHERE saga_id = ANY (?) ORDER BY seq",
                (Object) sagaIds.toArray(String[]::new));
    }

    private long depth(String queue) {
        return rabbit.execute(channel -> channel.messageCount(queue));
    }

    /** Writes one row per message in the handler's transaction, and fails the messages it was told to. */
    static final class RecordingHandler implements Consumer<IncomingMessage> {

        private final JdbcTemplate jdbc;
        private final TransactionTemplate transaction;
        private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
        private final Map<UUID, Integer> attempts = new ConcurrentHashMap<>();

        RecordingHandler(JdbcTemplate jdbc, TransactionTemplate transaction) {
            this.jdbc = jdbc;
            this.transaction = transaction;
        }

        void fail(UUID messageId) {
            failing.add(messageId);
        }

        int attemptsOf(UUID messageId) {
            return attempts.getOrDefault(messageId, 0);
        }

        @Override
        public void accept(IncomingMessage message) {
            Envelope envelope = message.envelope();
            attempts.merge(envelope.messageId(), 1, Integer::sum);
            transaction.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO effect (message_id, saga_id, tx) VALUES (?, ?, txid_current())",
                        envelope.messageId(), envelope.sagaId().toString());
                if (failing.contains(envelope.messageId())) {
                    throw new IllegalStateException("the warehouse refused " + envelope.messageId());
                }
            });
        }
    }
}
