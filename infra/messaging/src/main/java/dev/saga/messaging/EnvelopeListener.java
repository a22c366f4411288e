package dev.saga.messaging;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Message;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decodes each delivery and hands it to a handler, each in a span that continues the sender's trace
 * ({@link MessageTracing}).
 *
 * <p>The messages one poll brought are handled in one database transaction, so a busy queue commits once for
 * many messages; the handlers' own transactions join it, and what they write (inbox, effect, outbox) commits
 * together or not at all. They are taken in the order of their saga ids, so consumers of one queue that lock
 * saga rows lock them in the same order. If anything in the batch fails, the whole transaction rolls back and
 * every message is handled again on its own, so a failing message fails alone and the others still commit.
 *
 * <p>When handling one message fails, the {@link FailureRouter} sends it to a retry tier or parks it, and the
 * delivery is acknowledged, so a failing message never blocks the queue. Only when the broker does not take
 * the message there does the failure propagate, and the container returns the poll's messages to the queue
 * (the quorum queue's delivery limit parks a message that crashes its consumer).
 */
public class EnvelopeListener implements BatchMessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeListener.class);
    private static final Comparator<Message> BY_SAGA = Comparator.comparing(EnvelopeListener::sagaIdOf,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private final String queue;
    private final EnvelopeCodec codec;
    private final FailureRouter failures;
    private final MessageTracing tracing;
    private final TransactionTemplate transaction;
    private final Consumer<IncomingMessage> handler;

    public EnvelopeListener(String queue, EnvelopeCodec codec, FailureRouter failures, MessageTracing tracing,
                            TransactionTemplate transaction, Consumer<IncomingMessage> handler) {
        this.queue = queue;
        this.codec = codec;
        this.failures = failures;
        this.tracing = tracing;
        this.transaction = transaction;
        this.handler = handler;
    }

    @Override
    public void onMessageBatch(List<Message> messages) {
        if (messages.size() == 1) {
            onMessage(messages.get(0));
            return;
        }
        List<Message> ordered = messages.stream().sorted(BY_SAGA).toList();
        try {
            transaction.executeWithoutResult(status -> ordered.forEach(message ->
                    tracing.handle(message, queue, () -> handler.accept(codec.fromAmqp(message)))));
        } catch (RuntimeException e) {
            LOG.info("{} messages from {} failed together ({}); handling each on its own", ordered.size(), queue,
                    e.toString());
            ordered.forEach(this::onMessage);
        }
    }

    @Override
    public void onMessage(Message message) {
        tracing.handle(message, queue, () -> {
            try {
                handler.accept(codec.fromAmqp(message));
            } catch (MalformedMessageException e) {
                tracing.failed(e);
                failures.malformed(message, queue, e);
            } catch (RuntimeException e) {
                tracing.failed(e);
                failures.failed(message, queue, e);
            }
        });
    }

    private static String sagaIdOf(Message message) {
        Object sagaId = message.getMessageProperties().getHeaders().get(EnvelopeCodec.SAGA_ID);
        return sagaId == null ? null : sagaId.toString();
    }
}
