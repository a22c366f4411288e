package dev.saga.participant.payment;

import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Topology;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Plays the orchestrator's part on the broker: publishes commands to {@code saga.commands} as the engine
 * does, and reads every reply from a queue bound to {@code saga.replies}, matched by correlation id.
 */
final class OrchestratorStandIn {

    static final String REPLY_QUEUE = "test.orchestrator.replies";
    static final String SAGA_TYPE = "order-fulfilment";

    private final RabbitTemplate rabbit;
    private final EnvelopeCodec codec;
    private final String participant;
    private final List<IncomingMessage> replies = new CopyOnWriteArrayList<>();

    OrchestratorStandIn(RabbitTemplate rabbit, EnvelopeCodec codec, String participant) {
        this.rabbit = rabbit;
        this.codec = codec;
        this.participant = participant;
    }

    /** The test's reply queue, bound to every reply. */
    static Declarables replyQueue() {
        Queue queue = new Queue(REPLY_QUEUE, false);
        return new Declarables(queue, BindingBuilder.bind(queue).to(new TopicExchange(Topology.REPLIES)).with("#"));
    }

    /** Sends a command with a new message id, as a first attempt; returns the message id. */
    UUID send(Object command) {
        UUID messageId = UUID.randomUUID();
        send(messageId, command);
        return messageId;
    }

    /** Sends a command with the given message id: the same id twice is a duplicate delivery. */
    void send(UUID messageId, Object command) {
        String step = MessageTypes.kebab(command.getClass());
        Envelope envelope = Envelope.command(messageId, MessageTypes.nameOf(command.getClass()), UUID.randomUUID(),
                SAGA_TYPE, step, 1, SAGA_TYPE + "." + participant);
        Message message = codec.toAmqp(envelope, codec.payloadJson(command));
        rabbit.send(Topology.COMMANDS, participant + "." + step, message);
    }

    /** Sends a command and waits for its one reply payload. */
    Object call(Object command) {
        return awaitReplies(send(command), 1).get(0).payload();
    }

    /** Waits until {@code count} replies to the command arrived, and returns them. */
    List<IncomingMessage> awaitReplies(UUID commandId, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> repliesTo(commandId), found -> found.size() >= count);
    }

    /** The replies to the command received so far. */
    List<IncomingMessage> repliesTo(UUID commandId) {
        Message message;
        while ((message = rabbit.receive(REPLY_QUEUE)) != null) {
            replies.add(codec.fromAmqp(message));
        }
        return replies.stream().filter(reply -> commandId.equals(reply.envelope().correlationId())).toList();
    }
}
