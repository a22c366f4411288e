package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.contract.order.ApproveOrder;
import dev.saga.messaging.testing.RealServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox against real PostgreSQL and RabbitMQ: published only after commit, kept until confirmed. */
@SpringBootTest(classes = OutboxRelayIT.App.class, properties = "spring.flyway.schemas=relay",
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OutboxRelayIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(MessagingConfiguration.class)
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

    private String declareQueueFor(String routingKey) {
        String queue = "test." + routingKey;
        admin.declareQueue(QueueBuilder.nonDurable(queue).autoDelete().build());
        admin.declareBinding(new Binding(queue, Binding.DestinationType.QUEUE, Topology.COMMANDS, routingKey, null));
        return queue;
    }

    private int rowsFor(Envelope envelope) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_id = ?", Integer.class,
                envelope.messageId());
    }
}
