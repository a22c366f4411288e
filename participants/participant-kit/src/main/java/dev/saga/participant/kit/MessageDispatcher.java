package dev.saga.participant.kit;

import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.MessageTracing;
import dev.saga.messaging.Outbox;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handles each message exactly once: the inbox records its id, the handler's business effect and the reply in
 * the outbox commit together, and a duplicate (redelivery or resend) gets the stored reply again and runs
 * nothing. A message alone costs one inbox statement ({@link SingleMessageHandling}); a batch is one transaction
 * with two inbox statements, whatever its size ({@link BatchHandling}).
 *
 * <p>Locks. Before any handler of a batch runs, the kit takes every key the batch's handlers declared, sorted, as
 * advisory locks; handlers take no advisory locks themselves, so two batches that lock the same rows in different
 * orders wait for each other instead of deadlocking. Keys are read before they are locked: a key read that turns
 * out stale (the rows a handler locks changed between reading its keys and running it) can still deadlock.
 * PostgreSQL then aborts one transaction with SQLSTATE 40P01, which leaves this method as a
 * {@link org.springframework.dao.PessimisticLockingFailureException}; nothing of the batch is committed, and the
 * consumer hands the messages back one at a time (counting it as {@code saga.consumer.batch.split{cause=deadlock}}).
 * Any other exception from a handler also rolls the whole batch back, so the consumer can retry it one message at a
 * time and only the failing message goes to the retry tiers.
 */
public class MessageDispatcher {

    private final Participant participant;
    private final FaultInjection faults;
    private final SingleMessageHandling single;
    private final BatchHandling batches;

    public MessageDispatcher(Participant participant, Inbox inbox, Outbox outbox, AdvisoryLocks locks,
                             TransactionTemplate transaction, MessageTracing tracing) {
        this(participant, inbox, outbox, locks, transaction, tracing, FaultInjection.NONE);
    }

    /** {@code faults} is {@link FaultInjection#NONE} except in failure-injection runs. */
    MessageDispatcher(Participant participant, Inbox inbox, Outbox outbox, AdvisoryLocks locks,
                      TransactionTemplate transaction, MessageTracing tracing, FaultInjection faults) {
        this.participant = participant;
        this.faults = faults;
        HandlerRun handlerRun = new HandlerRun(participant.queue(), outbox, tracing);
        this.single = new SingleMessageHandling(inbox, outbox, locks, handlerRun, transaction);
        this.batches = new BatchHandling(inbox, outbox, locks, handlerRun, transaction);
    }

    /** Handles the messages, in delivery order, in one transaction; throws and commits nothing if any fails. */
    public void dispatch(List<IncomingMessage> batch) {
        List<MessageHandler> handlers = batch.stream().map(this::handlerOf).toList();
        batch.forEach(message -> faults.beforeHandling(message.envelope()));
        if (batch.size() == 1) {
            single.handle(batch.get(0), handlers.get(0));
        } else if (!batch.isEmpty()) {
            batches.handle(batch, handlers);
        }
        faults.afterCommit(batch.stream().map(IncomingMessage::envelope).toList());
    }

    private MessageHandler handlerOf(IncomingMessage message) {
        return participant.handlerFor(message.payload().getClass()).orElseThrow(() -> new MalformedMessageException(
                participant.name() + " has no handler for " + message.envelope().type()));
    }
}
