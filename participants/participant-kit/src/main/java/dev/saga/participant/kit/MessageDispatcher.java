package dev.saga.participant.kit;

import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.OutboundMessage;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles one message exactly once: in one transaction it records the message id in the inbox, runs the
 * handler's business effect, and writes the reply to the outbox. A duplicate (redelivery or resend) gets
 * the stored reply again and runs nothing.
 */
class MessageDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDispatcher.class);

    private final Participant participant;
    private final Inbox inbox;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final FaultInjection faults;

    /** {@code faults} is {@link FaultInjection#NONE} except in failure-injection runs. */
    MessageDispatcher(Participant participant, Inbox inbox, Outbox outbox, TransactionTemplate transaction,
                      FaultInjection faults) {
        this.participant = participant;
        this.inbox = inbox;
        this.outbox = outbox;
        this.transaction = transaction;
        this.faults = faults;
    }

    void dispatch(IncomingMessage message) {
        Envelope envelope = message.envelope();
        var handler = participant.handlerFor(message.payload().getClass()).orElseThrow(() ->
                new MalformedMessageException(participant.name() + " has no handler for " + envelope.type()));
        faults.beforeHandling(envelope);
        transaction.executeWithoutResult(status -> {
            if (!inbox.recordFirstDelivery(envelope)) {
                LOG.info("Duplicate {} {}: resending the stored reply", envelope.type(), envelope.messageId());
                inbox.storedReply(envelope.messageId()).ifPresent(outbox::add);
                return;
            }
            Object reply = handler.apply(message.payload());
            if (reply != null) {
                OutboundMessage sent = outbox.add(Topology.REPLIES, replyRoutingKey(envelope, reply),
                        envelope.reply(MessageTypes.nameOf(reply.getClass())), reply);
                inbox.storeReply(envelope.messageId(), sent);
            }
        });
        faults.afterCommit(List.of(envelope));
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
