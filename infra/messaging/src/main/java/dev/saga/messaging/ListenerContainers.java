package dev.saga.messaging;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/** Listener containers that acknowledge after the handler (and so its transaction) finished. */
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
        container.setMissingQueuesFatal(false);
        return container;
    }
}
