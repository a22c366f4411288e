package dev.saga.messaging;

import java.util.List;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes one work queue and hands its {@link BatchHandler} what has been delivered, acknowledging only after
 * the handler returned (so after its transaction committed). A message that cannot be decoded is parked before
 * the handler sees it; a handler failure sends the message to its retry tier ({@link FailureRouter}).
 */
public class BatchingConsumer implements SmartLifecycle {

    private final String queue;
    private final SimpleMessageListenerContainer container;

    public BatchingConsumer(ConnectionFactory connections, String queue, EnvelopeCodec codec, FailureRouter failures,
                            MessageTracing tracing, BatchHandler handler, ConsumerSettings settings) {
        this.queue = queue;
        this.container = ListenerContainers.create(connections, queue,
                new EnvelopeListener(queue, codec, failures, tracing, message -> handler.handle(List.of(message))),
                settings);
    }

    public String queue() {
        return queue;
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    /** Whether it still takes messages: false once it is stopping. */
    public boolean isActive() {
        return container.isActive();
    }

    /** The last to start and the first to stop: after the outbox relay it writes to, and before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
