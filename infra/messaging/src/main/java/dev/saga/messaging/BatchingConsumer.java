package dev.saga.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes one work queue and hands its {@link BatchHandler} what has already been delivered, up to
 * {@code saga.consumer.batch-size} messages, without ever waiting for more: on a quiet queue a message is
 * handled alone at once, under load the batches grow by themselves. Each of {@code saga.consumer.concurrency}
 * consumers has its own channel and thread, and keeps its deliveries in order. Deliveries are acknowledged with
 * one {@code multiple} ack after the handler returned, so after its transaction committed. A message that cannot
 * be decoded is parked before the handler sees it; a redelivered message is handled alone; a failed batch is
 * handled again one message at a time, so only a failing message goes to its retry tier ({@link FailureRouter}).
 *
 * <p>Built on the RabbitMQ client rather than a listener container: spring-amqp's containers either gather a
 * batch by waiting for each next message (SimpleMessageListenerContainer) or call a listener per delivery
 * (DirectMessageListenerContainer); neither hands over just what is already there.
 */
public class BatchingConsumer implements SmartLifecycle {

    /** How long a stop waits for the batches in hand; after that their channels are closed under them. */
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(10);
    /** How long a start waits for the first subscriptions (a missing broker only delays consuming). */
    private static final Duration STARTUP_PATIENCE = Duration.ofSeconds(5);

    private final ConnectionFactory connections;
    private final String queue;
    private final ConsumerSettings settings;
    private final BatchProcessor processor;
    private final ConsumerMetrics metrics;
    private final Map<String, String> labels;
    private final Object lifecycle = new Object();
    private volatile List<ConsumerWorker> workers = List.of();
    private volatile boolean running;
    private volatile boolean active;

    /**
     * Counts its batches in {@code registry}: the registry of its own application context, never a global one,
     * which several contexts in one JVM (co-hosted services, tests) would share.
     */
    public BatchingConsumer(ConnectionFactory connections, String queue, EnvelopeCodec codec, FailureRouter failures,
                            MessageTracing tracing, BatchHandler handler, ConsumerSettings settings,
                            MeterRegistry registry) {
        this(connections, queue, codec, failures, tracing, handler, settings, registry, Map.of());
    }

    /**
     * A consumer named by {@code labels} beyond its queue (e.g. {@code participant=inventory}, when several
     * consumers share a context): each label is a tag on its metrics and an entry in the logging context of its
     * threads, so every line those threads log says whose they are.
     */
    public BatchingConsumer(ConnectionFactory connections, String queue, EnvelopeCodec codec, FailureRouter failures,
                            MessageTracing tracing, BatchHandler handler, ConsumerSettings settings,
                            MeterRegistry registry, Map<String, String> labels) {
        this.connections = connections;
        this.queue = queue;
        this.settings = settings;
        this.labels = Map.copyOf(labels);
        this.metrics = new ConsumerMetrics(registry, queue, this.labels);
        this.processor = new BatchProcessor(queue, codec, failures, tracing, handler, settings.batchSize(), metrics,
                this::isActive);
    }

    public String queue() {
        return queue;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            active = true;
            running = true;
            List<ConsumerWorker> started = new ArrayList<>();
            for (int i = 1; i <= settings.concurrency(); i++) {
                started.add(new ConsumerWorker(connections, queue, settings, processor, metrics,
                        "consumer-" + queue + "-" + i, labels));
            }
            workers = List.copyOf(started);
            workers.forEach(ConsumerWorker::start);
            long deadline = System.nanoTime() + STARTUP_PATIENCE.toNanos();
            try {
                for (ConsumerWorker worker : workers) {
                    worker.awaitFirstAttempt(Duration.ofNanos(deadline - System.nanoTime()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Cancels every subscription, lets the batches in hand finish (for a while), and closes the channels: what
     * was delivered but not handled goes back to the queue.
     */
    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            active = false;
            workers.forEach(ConsumerWorker::stopTaking);
            long deadline = System.nanoTime() + SHUTDOWN_PATIENCE.toNanos();
            try {
                for (ConsumerWorker worker : workers) {
                    worker.awaitEnd(Duration.ofNanos(deadline - System.nanoTime()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                workers = List.of();
                running = false;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether it still takes messages: false once it is stopping. */
    public boolean isActive() {
        return active;
    }

    /** Deliveries received from the broker and not yet handed to the handler, on all channels. */
    int buffered() {
        return workers.stream().mapToInt(ConsumerWorker::buffered).sum();
    }

    /** The last to start and the first to stop: after the outbox relay it writes to, and before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
