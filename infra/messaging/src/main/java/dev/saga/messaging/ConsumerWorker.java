package dev.saga.messaging;

import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * One consumer of a queue: a thread that keeps a {@link Subscription} and hands what it delivered to the
 * {@link BatchProcessor}, one batch after another. It blocks for the first delivery only and never waits for a
 * second one. When the subscription is lost (channel or connection closed, or the broker cancelled the
 * consumer) it subscribes again on a new channel, backing off from 1 s up to 5 s, for as long as it runs; the
 * connection factory's admin declares the queues again on each new connection, so the queue is there.
 */
final class ConsumerWorker {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerWorker.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** Only how soon an idle worker notices it should stop; a delivery is taken the moment it arrives. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(1);

    private final ConnectionFactory connections;
    private final String queue;
    private final int prefetch;
    private final int batchSize;
    private final BatchProcessor processor;
    private final ConsumerMetrics metrics;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile Subscription current;

    ConsumerWorker(ConnectionFactory connections, String queue, ConsumerSettings settings, BatchProcessor processor,
                   ConsumerMetrics metrics, String name, Map<String, String> loggingContext) {
        this.connections = connections;
        this.queue = queue;
        this.prefetch = settings.effectivePrefetch();
        this.batchSize = settings.batchSize();
        this.processor = processor;
        this.metrics = metrics;
        this.thread = new Thread(() -> {
            loggingContext.forEach(MDC::put);
            run();
        }, name);
        // A context that is never closed must not keep the JVM alive; unacknowledged deliveries return anyway.
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits a little for the first try to subscribe, so that a started consumer consumes when it can. */
    void awaitFirstAttempt(Duration patience) throws InterruptedException {
        firstAttempt.await(Math.max(1, patience.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Takes no further batch: cancels the subscription and wakes the thread; the batch in hand finishes. */
    void stopTaking() {
        stopping.countDown();
        Subscription subscription = current;
        if (subscription != null) {
            subscription.cancel();
            subscription.wakeUp();
        }
    }

    /** Waits for the batch in hand; past the patience, closes the channel under it, so its messages return. */
    void awaitEnd(Duration patience) throws InterruptedException {
        thread.join(Math.max(1, patience.toMillis()));
        Subscription subscription = current;
        if (thread.isAlive() && subscription != null) {
            LOG.warn("A consumer of {} did not finish its batch within {} ms; closing its channel, so the batch"
                    + " is delivered again", queue, patience.toMillis());
            subscription.close();
        }
    }

    int buffered() {
        Subscription subscription = current;
        return subscription == null ? 0 : subscription.buffered();
    }

    private boolean running() {
        return stopping.getCount() > 0;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        boolean troubleReported = false;
        try {
            while (running()) {
                Subscription subscription = subscribe(troubleReported);
                firstAttempt.countDown();
                if (subscription == null) {
                    troubleReported = true;
                } else {
                    if (troubleReported) {
                        LOG.info("Consuming {} again", queue);
                    }
                    troubleReported = false;
                    backoff = FIRST_BACKOFF;
                    String lost = consume(subscription);
                    if (lost != null && running()) {
                        metrics.subscriptionLost();
                        LOG.warn("A consumer of {} lost its subscription: {}; subscribing again", queue, lost);
                        troubleReported = true;
                    }
                }
                if (running() && stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            firstAttempt.countDown();
        }
    }

    private Subscription subscribe(boolean troubleReported) {
        try {
            Subscription subscription = Subscription.open(connections, queue, prefetch);
            current = subscription;
            if (!running()) {
                // stop() came while subscribing and may have missed this subscription
                subscription.cancel();
                subscription.wakeUp();
            }
            return subscription;
        } catch (java.io.IOException | RuntimeException e) {
            if (troubleReported) {
                LOG.debug("Still cannot consume {}", queue, e);
            } else {
                LOG.warn("Cannot consume {} yet ({}); trying again", queue, describe(e));
            }
            return null;
        }
    }

    /**
     * Hands over batch after batch until the subscription is lost or the consumer stops; then closes the channel,
     * returning to the queue whatever is still buffered. Returns why the subscription was lost, null if it was not.
     */
    private String consume(Subscription subscription) throws InterruptedException {
        try {
            while (running() && subscription.lostBecause() == null) {
                List<Delivery> deliveries = subscription.next(batchSize, IDLE_CHECK);
                // Taken after a stop or a loss: not handled, the broker delivers them again.
                if (!deliveries.isEmpty() && running() && subscription.lostBecause() == null) {
                    processor.process(subscription, deliveries);
                }
            }
            return subscription.lostBecause();
        } catch (RuntimeException | Error e) {
            // Not a handler failure (those are routed), but something that broke the consumer itself, perhaps a
            // message that makes the handler fail hard: its deliveries go back to the queue and come back alone.
            LOG.error("A consumer of {} failed; its unacknowledged messages return to the queue", queue, e);
            return e.toString();
        } finally {
            subscription.close();
            current = null;
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (" + root + ")";
    }
}
