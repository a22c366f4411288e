package dev.saga.participant.kit;

import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.OutboundMessage;
import dev.saga.messaging.Outbox;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message handled alone, in one transaction: its declared locks, its handler, then its inbox row written once,
 * with the reply. The insert conflicting means a duplicate (a redelivery or a resend, perhaps one running
 * concurrently, which the insert waited for): the handler's work is rolled back and the stored reply resent. A
 * handler that throws for a message already in the inbox is a duplicate whose handler no longer applies (the
 * order moved on), so it too gets the stored reply instead of failing.
 */
class SingleMessageHandling {

    private static final Logger LOG = LoggerFactory.getLogger(SingleMessageHandling.class);

    private final Inbox inbox;
    private final Outbox outbox;
    private final AdvisoryLocks locks;
    private final HandlerRun handlerRun;
    private final TransactionTemplate transaction;

    SingleMessageHandling(Inbox inbox, Outbox outbox, AdvisoryLocks locks, HandlerRun handlerRun,
                          TransactionTemplate transaction) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.locks = locks;
        this.handlerRun = handlerRun;
        this.transaction = transaction;
    }

    void handle(IncomingMessage message, MessageHandler handler) {
        Envelope envelope = message.envelope();
        boolean handled;
        try {
            handled = Boolean.TRUE.equals(transaction.execute(status -> {
                locks.lock(handler.locks().apply(message.payload()));
                OutboundMessage reply = handlerRun.run(message, handler);
                if (inbox.recordHandled(envelope, reply)) {
                    return true;
                }
                status.setRollbackOnly();
                return false;
            }));
        } catch (RuntimeException failure) {
            if (resendStoredReply(message)) {
                LOG.info("Duplicate {} {} no longer applies ({}): resent the stored reply", envelope.type(),
                        envelope.messageId(), failure.toString());
                return;
            }
            throw failure;
        }
        if (!handled) {
            resendStoredReply(message);
            LOG.info("Duplicate {} {}: resent the stored reply", envelope.type(), envelope.messageId());
        }
    }

    /** In a transaction and span of its own: false if the message was never handled. */
    private boolean resendStoredReply(IncomingMessage message) {
        AtomicBoolean resent = new AtomicBoolean();
        handlerRun.inSpanOf(message, () -> resent.set(Boolean.TRUE.equals(transaction.execute(status ->
                inbox.handled(message.envelope().messageId()).map(handled -> {
                    handled.storedReply().ifPresent(outbox::add);
                    return true;
                }).orElse(false)))));
        return resent.get();
    }
}
