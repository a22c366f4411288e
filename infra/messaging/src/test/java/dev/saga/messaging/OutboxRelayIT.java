package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.saga.SagaFinished;
import dev.saga.messaging.testing.RealServices;
import dev.saga.messaging.testing.TestedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against real PostgreSQL and RabbitMQ: published only after commit, kept until confirmed, and kept
 * until routed unless it is a notification.
 */
@SpringBootTest(classes = OutboxRelayIT.App.class, properties = "spring.flyway.schemas=relay",
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class OutboxRelayIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({MessagingConfiguration.class, TestedMessages.class})
    static class App {
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.isolated().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;
    @Autowired
    EnvelopeCodec codec;

    @Test
    void publishesACommittedMessageAndDeletesItsRowOnceConfirmed() {
        String queue = declareQueueFor("order.approve-order");
        Envelope envelope = Envelope.event("order.ApproveOrder");

        transaction.executeWithoutResult(status ->
                outbox.add(Topology.COMMANDS, "order.approve-order", envelope, new ApproveOrder(UUID.randomUUID())));

        Message received = await().atMost(Duration.ofSeconds(10)).until(() -> rabbit.receive(queue), m -> m != null);
        assertThat(codec.fromAmqp(received).envelope().messageId()).isEqualTo(envelope.messageId());
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsFor(envelope) == 0);
    }

    @Test
    void publishesNothingForATransactionThatRolledBack() {
        String queue = declareQueueFor("order.reject-order");
        Envelope envelope = Envelope.event("order.ApproveOrder");

        transaction.executeWithoutResult(status -> {
            outbox.add(Topology.COMMANDS, "order.reject-order", envelope, new ApproveOrder(UUID.randomUUID()));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> outbox.add(Topology.COMMANDS, "order.reject-order",
                Envelope.event("order.ApproveOrder"), new ApproveOrder(UUID.randomUUID())));

        Message received = await().atMost(Duration.ofSeconds(10)).until(() -> rabbit.receive(queue), m -> m != null);
        assertThat(codec.fromAmqp(received).envelope().messageId()).isNotEqualTo(envelope.messageId());
        assertThat(rowsFor(envelope)).isZero();
    }

    @Test
    void writesATransactionsMessagesTogetherAtCommitAndPublishesEachOnce() {
        String queue = declareQueueFor("order.approve-many");
        List<Envelope> envelopes = List.of(Envelope.event("order.ApproveOrder"), Envelope.event("order.ApproveOrder"),
                Envelope.event("order.ApproveOrder"));

        transaction.executeWithoutResult(status -> {
            envelopes.forEach(envelope -> outbox.add(Topology.COMMANDS, "order.approve-many", envelope,
                    new ApproveOrder(UUID.randomUUID())));
            assertThat(envelopes).allSatisfy(envelope -> assertThat(rowsFor(envelope))
                    .as("written only just before commit, with the transaction's other messages").isZero());
        });

        List<UUID> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message message = rabbit.receive(queue);
            if (message != null) {
                received.add(codec.fromAmqp(message).envelope().messageId());
            }
            return received.size() >= envelopes.size();
        });
        assertThat(received).containsExactlyElementsOf(envelopes.stream().map(Envelope::messageId).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> envelopes.stream().mapToInt(this::rowsFor).sum() == 0);
        assertThat(rabbit.receive(queue)).as("each message published once").isNull();
    }

    @Test
    void keepsAnUnroutableMessageWithItsErrorInsteadOfMarkingItSent() {
        Envelope envelope = Envelope.event("order.ApproveOrder");

        transaction.executeWithoutResult(status ->
                outbox.add(Topology.COMMANDS, "nobody.listens", envelope, new ApproveOrder(UUID.randomUUID())));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE message_id = ? AND last_error LIKE 'returned as unroutable%'",
                Integer.class, envelope.messageId()) == 1);
        assertThat(jdbc.queryForObject("SELECT attempts FROM outbox WHERE message_id = ?", Integer.class,
                envelope.messageId())).isPositive();
    }

    @Test
    void forgetsANotificationNobodyListensToOnceConfirmed(CapturedOutput output) {
        Envelope notification = Envelope.event("saga.SagaFinished");
        Envelope command = Envelope.event("order.ApproveOrder");

        transaction.executeWithoutResult(status -> {
            outbox.add(Topology.EVENTS, "saga.nobody-subscribed.completed", notification,
                    new SagaFinished(UUID.randomUUID(), "nobody-subscribed", "key", "COMPLETED", null));
            outbox.add(Topology.COMMANDS, "nobody.listens", command, new ApproveOrder(UUID.randomUUID()));
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> unroutable(command));
        await().atMost(Duration.ofSeconds(10)).until(() -> rowsFor(notification) == 0);
        assertThat(output.getAll()).as("no warning about the notification")
                .doesNotContain(notification.messageId().toString())
                .contains("Outbox message " + command.messageId());
    }

    @Test
    void keepsACommandAReplyAndAStartEventNobodyListensToUntilAQueueIsBound() {
        UUID orderId = UUID.randomUUID();
        Map<String, Envelope> unbound = Map.of(
                Topology.COMMANDS, Envelope.event("order.ApproveOrder"),
                Topology.REPLIES, Envelope.event("inventory.StockReserved"),
                Topology.EVENTS, Envelope.event("order.OrderCreated"));
        String routingKey = "later." + orderId;

        transaction.executeWithoutResult(status -> {
            outbox.add(Topology.COMMANDS, routingKey, unbound.get(Topology.COMMANDS), new ApproveOrder(orderId));
            outbox.add(Topology.REPLIES, routingKey, unbound.get(Topology.REPLIES), new StockReserved(orderId));
            outbox.add(Topology.EVENTS, routingKey, unbound.get(Topology.EVENTS),
                    new OrderCreated(orderId, "alice", List.of(), 0));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> unbound.values().stream().allMatch(this::unroutable));

        unbound.forEach((exchange, envelope) -> {
            String queue = declareQueueFor(exchange, routingKey);
            Message received = await().atMost(Duration.ofSeconds(30)).until(() -> rabbit.receive(queue),
                    m -> m != null);
            assertThat(codec.fromAmqp(received).envelope().messageId()).isEqualTo(envelope.messageId());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> unbound.values().stream().allMatch(e -> rowsFor(e) == 0));
    }

    private String declareQueueFor(String routingKey) {
        return declareQueueFor(Topology.COMMANDS, routingKey);
    }

    private String declareQueueFor(String exchange, String routingKey) {
        String queue = "test." + exchange + "." + routingKey;
        admin.declareQueue(QueueBuilder.nonDurable(queue).autoDelete().build());
        admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, exchange, routingKey, null));
        return queue;
    }

    private boolean unroutable(Envelope envelope) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_id = ? AND mandatory"
                + " AND last_error LIKE 'returned as unroutable%'", Integer.class, envelope.messageId()) == 1;
    }

    private int rowsFor(Envelope envelope) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_id = ?", Integer.class,
                envelope.messageId());
    }
}
