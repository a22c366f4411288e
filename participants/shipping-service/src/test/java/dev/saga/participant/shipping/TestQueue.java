package dev.saga.participant.shipping;

import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** A queue the test binds to an exchange to see what the service published, decoded like a consumer would. */
final class TestQueue {

    private final RabbitTemplate rabbit;
    private final EnvelopeCodec codec;
    private final String name;
    private final List<IncomingMessage> received = new ArrayList<>();

    private TestQueue(RabbitTemplate rabbit, EnvelopeCodec codec, String name) {
        this.rabbit = rabbit;
        this.codec = codec;
        this.name = name;
    }

    static TestQueue bound(AmqpAdmin admin, RabbitTemplate rabbit, EnvelopeCodec codec, String name, String exchange,
                           String routingKey) {
        Queue queue = QueueBuilder.durable(name).build();
        admin.declareQueue(queue);
        admin.declareBinding(new Binding(name, Binding.DestinationType.QUEUE, exchange, routingKey, null));
        return new TestQueue(rabbit, codec, name);
    }

    /** Waits until {@code count} messages matching {@code wanted} arrived, and returns them. */
    List<IncomingMessage> await(Predicate<IncomingMessage> wanted, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> matching(wanted),
                found -> found.size() >= count);
    }

    IncomingMessage awaitOne(Predicate<IncomingMessage> wanted) {
        return await(wanted, 1).get(0);
    }

    /** Everything received so far that matches. */
    List<IncomingMessage> matching(Predicate<IncomingMessage> wanted) {
        Message message;
        while ((message = rabbit.receive(name)) != null) {
            received.add(codec.fromAmqp(message));
        }
        return received.stream().filter(wanted).toList();
    }
}
