package dev.saga.messaging;

import java.util.function.Consumer;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Decodes each delivery and hands it to a handler. When that fails, the {@link FailureRouter} sends the message
 * to a retry tier or parks it, and the delivery is acknowledged, so a failing message never blocks the queue.
 * Only when the broker does not take the message there does the failure propagate, and the container returns
 * the message to the queue (the quorum queue's delivery limit parks a message that crashes its consumer).
 * Each delivery is handled in a span that continues the sender's trace ({@link MessageTracing}).
 */
public class EnvelopeListener implements MessageListener {

    private final String queue;
    private final EnvelopeCodec codec;
    private final FailureRouter failures;
    private final MessageTracing tracing;
    private final Consumer<IncomingMessage> handler;

    public EnvelopeListener(String queue, EnvelopeCodec codec, FailureRouter failures, MessageTracing tracing,
                            Consumer<IncomingMessage> handler) {
        this.queue = queue;
        this.codec = codec;
        this.failures = failures;
        this.tracing = tracing;
        this.handler = handler;
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
}
