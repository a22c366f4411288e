package dev.saga.participant.kit;

import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.MessageTracing;
import dev.saga.messaging.OutboundMessage;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one message's handler inside the current transaction, in a span continuing the sender's trace, and adds
 * its reply to the outbox: so the reply stays in the sender's trace and commits with the handler's effect.
 */
class HandlerRun {

    private final String queue;
    private final Outbox outbox;
    private final MessageTracing tracing;

    HandlerRun(String queue, Outbox outbox, MessageTracing tracing) {
        this.queue = queue;
        this.outbox = outbox;
        this.tracing = tracing;
    }

    /** The reply as it went to the outbox, or null when the message has none (an event). */
    OutboundMessage run(IncomingMessage message, MessageHandler handler) {
        AtomicReference<OutboundMessage> sent = new AtomicReference<>();
        tracing.within(message, queue, () -> {
            Object reply = handler.work().apply(message.payload());
            if (reply != null) {
                Envelope envelope = message.envelope();
                sent.set(outbox.add(Topology.REPLIES, replyRoutingKey(envelope, reply),
                        envelope.reply(MessageTypes.nameOf(reply.getClass())), reply));
            }
        });
        return sent.get();
    }

    /** Runs other work for the message (resending a duplicate's stored reply) in its own span, as a handler runs. */
    void inSpanOf(IncomingMessage message, Runnable work) {
        tracing.within(message, queue, work);
    }

    /** {@code order-fulfilment.inventory.stock-reserved}: the command's reply-to prefix and the reply's name. */
    private static String replyRoutingKey(Envelope command, Object reply) {
        if (command.replyTo() == null || command.sagaId() == null) {
            throw new MalformedMessageException(command.type() + " " + command.messageId()
                    + " has no reply_to or saga-id, so its reply cannot be routed");
        }
        return command.replyTo() + "." + MessageTypes.kebab(reply.getClass());
    }
}
