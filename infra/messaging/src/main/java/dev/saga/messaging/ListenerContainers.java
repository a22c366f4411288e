package dev.saga.messaging;

import java.util.function.Consumer;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the listener container of a work queue: {@link ConsumerSettings#concurrency()} consumers, each taking
 * what arrived (up to {@link ConsumerSettings#batchSize()} messages) and handing it to an
 * {@link EnvelopeListener} as one batch, acknowledged together after the listener returned (and so after its
 * transaction committed). A listener that throws (only when the broker refused a retry copy) returns the whole
 * batch to the queue; those already handled come back as duplicates, which inboxes and the saga's step check
 * absorb.
 */
public class ListenerContainers {

    private final ConnectionFactory connections;
    private final EnvelopeCodec codec;
    private final FailureRouter failures;
    private final MessageTracing tracing;
    private final TransactionTemplate transaction;
    private final ConsumerSettings settings;

    public ListenerContainers(ConnectionFactory connections, EnvelopeCodec codec, FailureRouter failures,
                              MessageTracing tracing, TransactionTemplate transaction, ConsumerSettings settings) {
        this.connections = connections;
        this.codec = codec;
        this.failures = failures;
        this.tracing = tracing;
        this.transaction = transaction;
        this.settings = settings;
    }

    /** A container whose consumers hand {@code queue}'s messages to {@code handler}. */
    public SimpleMessageListenerContainer create(String queue, Consumer<IncomingMessage> handler) {
        return container(queue, listener(queue, handler));
    }

    /** The listener {@link #create} puts in its container, for a caller that wraps it. */
    public EnvelopeListener listener(String queue, Consumer<IncomingMessage> handler) {
        return new EnvelopeListener(queue, codec, failures, tracing, transaction, handler);
    }

    public SimpleMessageListenerContainer container(String queue, BatchMessageListener listener) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setMessageListener(listener);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        container.setPrefetchCount(settings.prefetch());
        container.setConcurrentConsumers(settings.concurrency());
        container.setConsumerBatchEnabled(true);
        container.setBatchSize(settings.batchSize());
        container.setBatchReceiveTimeout(settings.batchWindow().toMillis());
        container.setReceiveTimeout(settings.pollTimeout().toMillis());
        container.setMissingQueuesFatal(false);
        return container;
    }
}
