package dev.saga.participant.kit;

import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.OutboundMessage;
import dev.saga.messaging.Outbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several messages handled in one transaction, with a fixed number of statements of the kit's own: one that
 * takes every declared lock of the batch, sorted; one that claims the batch's message ids in the inbox; one that
 * reads the stored replies of the duplicates (if any); one that stores the new replies with their inbox rows.
 * The handlers run between them, in delivery order. A message id the claim does not return was handled before:
 * its stored reply is resent and its handler does not run; the same id twice in the batch is handled once.
 */
class BatchHandling {

    private static final Logger LOG = LoggerFactory.getLogger(BatchHandling.class);

    private final Inbox inbox;
    private final Outbox outbox;
    private final AdvisoryLocks locks;
    private final HandlerRun handlerRun;
    private final TransactionTemplate transaction;

    BatchHandling(Inbox inbox, Outbox outbox, AdvisoryLocks locks, HandlerRun handlerRun,
                  TransactionTemplate transaction) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.locks = locks;
        this.handlerRun = handlerRun;
        this.transaction = transaction;
    }

    /** {@code handlers} holds each message's handler, in the batch's order. */
    void handle(List<IncomingMessage> batch, List<MessageHandler> handlers) {
        transaction.executeWithoutResult(status -> {
            // Locks before the inbox claim, as a message handled alone takes them before its inbox insert: the
            // same message in a batch and alone at once cannot hold one each of inbox row and advisory lock.
            locks.lock(declaredLocks(batch, handlers));
            Set<UUID> claimed = inbox.claim(batch.stream().map(IncomingMessage::envelope).toList());
            Map<UUID, OutboundMessage> replies = new LinkedHashMap<>();
            Set<UUID> ran = new HashSet<>();
            List<IncomingMessage> duplicates = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                IncomingMessage message = batch.get(i);
                UUID id = message.envelope().messageId();
                if (!claimed.contains(id) || ran.contains(id)) {
                    duplicates.add(message);
                    continue;
                }
                ran.add(id);
                OutboundMessage reply = handlerRun.run(message, handlers.get(i));
                if (reply != null) {
                    replies.put(id, reply);
                }
            }
            inbox.storeReplies(replies);
            resendToDuplicates(duplicates, replies);
        });
    }

    private static List<LockKey> declaredLocks(List<IncomingMessage> batch, List<MessageHandler> handlers) {
        List<LockKey> keys = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            keys.addAll(handlers.get(i).locks().apply(batch.get(i).payload()));
        }
        return keys;
    }

    /** A duplicate of a message handled in this batch gets its new reply; others their stored one, read at once. */
    private void resendToDuplicates(List<IncomingMessage> duplicates, Map<UUID, OutboundMessage> newReplies) {
        if (duplicates.isEmpty()) {
            return;
        }
        List<UUID> storedBefore = duplicates.stream().map(message -> message.envelope().messageId())
                .filter(id -> !newReplies.containsKey(id)).distinct().toList();
        Map<UUID, OutboundMessage> stored = new HashMap<>();
        inbox.handled(storedBefore).forEach(handled -> handled.storedReply()
                .ifPresent(reply -> stored.put(handled.messageId(), reply)));
        for (IncomingMessage message : duplicates) {
            Envelope duplicate = message.envelope();
            OutboundMessage reply = newReplies.getOrDefault(duplicate.messageId(), stored.get(duplicate.messageId()));
            handlerRun.inSpanOf(message, () -> {
                LOG.info("Duplicate {} {}: resending the stored reply", duplicate.type(), duplicate.messageId());
                if (reply != null) {
                    outbox.add(reply);
                }
            });
        }
    }
}
