package dev.saga.messaging.testing;

import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Topology;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Plays the orchestrator's part on the broker, so a participant service is tested through the messages a saga
 * really sends: publishes commands to {@code saga.commands} as the engine does, and reads every reply from a
 * queue bound to {@code saga.replies}, matched by correlation id. The test imports {@link ReplyQueue} so that
 * queue exists before the first command is sent.
 */
public final class OrchestratorStandIn {

    private static final String REPLY_QUEUE = "test.orchestrator.replies";
    private static final String SAGA_TYPE = "order-fulfilment";

    private final RabbitTemplate rabbit;
    private final EnvelopeCodec codec;
    private final String participant;
    private final TestQueue replies;

    public OrchestratorStandIn(RabbitTemplate rabbit, EnvelopeCodec codec, String participant) {
        this.rabbit = rabbit;
        this.codec = codec;
        this.participant = participant;
        this.replies = new TestQueue(rabbit, codec, REPLY_QUEUE);
    }

    /** Sends a command with a new message id, as a first attempt; returns the message id. */
    public UUID send(Object command) {
        UUID messageId = UUID.randomUUID();
        send(messageId, command);
        return messageId;
    }

    /** Sends a command with the given message id: the same id twice is a duplicate delivery. */
    public void send(UUID messageId, Object command) {
        String step = MessageTypes.kebab(command.getClass());
        Envelope envelope = Envelope.command(messageId, MessageTypes.nameOf(command.getClass()), UUID.randomUUID(),
                SAGA_TYPE, step, 1, SAGA_TYPE + "." + participant);
        Message message = codec.encode(envelope, command);
        rabbit.send(Topology.COMMANDS, participant + "." + step, message);
    }

    /**
     * Sends a body as a producer of {@code typeVersion} wrote it, valid or not, e.g. a command from an older
     * orchestrator; returns the message id.
     */
    public UUID sendWritten(Class<?> command, int typeVersion, String body) {
        UUID messageId = UUID.randomUUID();
        String step = MessageTypes.kebab(command);
        Envelope envelope = Envelope.command(messageId, MessageTypes.nameOf(command), UUID.randomUUID(), SAGA_TYPE,
                step, 1, SAGA_TYPE + "." + participant).withTypeVersion(typeVersion);
        rabbit.send(Topology.COMMANDS, participant + "." + step, codec.toAmqp(envelope, body));
        return messageId;
    }

    /** Sends a command and waits for its one reply payload. */
    public Object call(Object command) {
        return awaitReplies(send(command), 1).get(0).payload();
    }

    /** Waits until {@code count} replies to the command arrived, and returns them. */
    public List<IncomingMessage> awaitReplies(UUID commandId, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> repliesTo(commandId), found -> found.size() >= count);
    }

    /** The replies to the command received so far. */
    public List<IncomingMessage> repliesTo(UUID commandId) {
        return replies.matching(reply -> commandId.equals(reply.envelope().correlationId()));
    }

    /** The stand-in's reply queue, bound to every reply; declared with the service's context so none is missed. */
    @TestConfiguration
    public static class ReplyQueue {
        @Bean
        public Declarables testReplyQueue() {
            Queue queue = new Queue(REPLY_QUEUE, false);
            return new Declarables(queue,
                    BindingBuilder.bind(queue).to(new TopicExchange(Topology.REPLIES)).with("#"));
        }
    }
}
