package dev.saga.participant.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.saga.SagaFinished;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One consumer thread, so events are handled in the order they were published. */
@SpringBootTest(properties = {"spring.config.name=notification", "saga.consumer.concurrency=1"})
class SagaOutcomeNotificationIT {

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private JdbcTemplate jdbc;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @Test
    void recordsOneNotificationPerOutcomeEventEvenWhenItIsDeliveredTwice() {
        SagaFinished cancelled = new SagaFinished(UUID.randomUUID(), "order-fulfilment", "order-1", "compensated",
                "payment declined");
        Envelope event = Envelope.event(MessageTypes.nameOf(SagaFinished.class));

        publish(event, "saga.order-fulfilment.compensated", cancelled);
        publish(event, "saga.order-fulfilment.compensated", cancelled);
        SagaFinished completed = new SagaFinished(UUID.randomUUID(), "order-fulfilment", "order-2", "completed", null);
        publish(Envelope.event(MessageTypes.nameOf(SagaFinished.class)), "saga.order-fulfilment.completed", completed);

        // The later event is handled after the duplicate, so once it is recorded the duplicate has been handled.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> messagesFor(completed).size() == 1);
        assertThat(messagesFor(completed)).containsExactly("Order order-2 completed");
        assertThat(messagesFor(cancelled)).containsExactly("Order order-1 was cancelled: payment declined");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class,
                event.messageId())).isOne();
    }

    private void publish(Envelope envelope, String routingKey, SagaFinished payload) {
        rabbit.send(Topology.EVENTS, routingKey, codec.toAmqp(envelope, codec.payloadJson(payload)));
    }

    private List<String> messagesFor(SagaFinished event) {
        return jdbc.queryForList("SELECT message FROM notification WHERE saga_id = ? ORDER BY id", String.class,
                event.sagaId());
    }
}
