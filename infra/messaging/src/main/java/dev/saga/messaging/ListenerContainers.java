package dev.saga.messaging;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * Listener containers that acknowledge after the handler (and so its transaction) finished. A handler that throws
 * (only when the broker refused the message's retry copy) returns every unacknowledged message of its batch to
 * the queue; those already handled come back as duplicates, which inboxes and the saga's step check absorb.
 */
public final class ListenerContainers {

    private ListenerContainers() {
    }

    public static SimpleMessageListenerContainer create(ConnectionFactory connections, String queue,
                                                        MessageListener listener, ConsumerSettings settings) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setMessageListener(listener);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(true);
        container.setPrefetchCount(settings.prefetch());
        container.setConcurrentConsumers(settings.concurrency());
        container.setBatchSize(settings.ackBatch());
        container.setReceiveTimeout(settings.ackWait().toMillis());
        container.setMissingQueuesFatal(false);
        return container;
    }
}
