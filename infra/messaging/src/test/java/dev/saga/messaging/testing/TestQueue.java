package dev.saga.messaging.testing;

import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A queue the test binds to an exchange to see what the service published, decoded like a consumer would.
 * Everything drained is kept, so a test can wait for one message and still ask about the others afterwards;
 * the list is thread-safe because Awaitility drains it from its own thread while the test reads it.
 */
public final class TestQueue {

    private final RabbitTemplate rabbit;
    private final EnvelopeCodec codec;
    private final String name;
    private final List<IncomingMessage> received = new CopyOnWriteArrayList<>();

    /** Reads a queue that is already declared and bound. */
    TestQueue(RabbitTemplate rabbit, EnvelopeCodec codec, String name) {
        this.rabbit = rabbit;
        this.codec = codec;
        this.name = name;
    }

    /** Declares a durable queue {@code name} and binds it to {@code exchange} with {@code routingKey}. */
    public static TestQueue bound(AmqpAdmin admin, RabbitTemplate rabbit, EnvelopeCodec codec, String name,
                                  String exchange, String routingKey) {
        Queue queue = QueueBuilder.durable(name).build();
        admin.declareQueue(queue);
        admin.declareBinding(new Binding(name, Binding.DestinationType.QUEUE, exchange, routingKey, null));
        return new TestQueue(rabbit, codec, name);
    }

    /** Waits until {@code count} messages matching {@code wanted} arrived, and returns them. */
    public List<IncomingMessage> await(Predicate<IncomingMessage> wanted, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> matching(wanted),
                found -> found.size() >= count);
    }

    public IncomingMessage awaitOne(Predicate<IncomingMessage> wanted) {
        return await(wanted, 1).get(0);
    }

    /** Everything received so far that matches. */
    public List<IncomingMessage> matching(Predicate<IncomingMessage> wanted) {
        Message message;
        while ((message = rabbit.receive(name)) != null) {
            received.add(codec.fromAmqp(message));
        }
        return received.stream().filter(wanted).toList();
    }
}
