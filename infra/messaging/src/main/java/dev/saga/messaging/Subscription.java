package dev.saga.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitUtils;

/**
 * One basic.consume on a channel of its own. The client's thread only puts each delivery into a buffer; the
 * consumer's worker takes from it what is there. The buffer never holds more than the channel's prefetch, and
 * its delivery tags are only valid on this channel, so a lost subscription is dropped with its buffer and its
 * unacknowledged deliveries go back to the queue.
 */
final class Subscription extends DefaultConsumer {

    /** Put into the buffer to wake the worker when the subscription is lost or the consumer stops. */
    private static final Delivery WAKE_UP = new Delivery(null, null, null);

    private final Channel proxy;
    private final BlockingQueue<Delivery> buffer = new LinkedBlockingQueue<>();
    private volatile String lostBecause;
    private volatile boolean closing;

    private Subscription(Channel proxy, Channel target) {
        super(target);
        this.proxy = proxy;
    }

    /**
     * Subscribes to the queue on a new channel. The channel is used directly, not through the cache's proxy: the
     * proxy quietly opens a fresh channel after an error, which would look open but consume nothing.
     */
    static Subscription open(ConnectionFactory connections, String queue, int prefetch) throws IOException {
        Channel proxy = connections.createConnection().createChannel(false);
        Channel target = proxy instanceof ChannelProxy cached ? cached.getTargetChannel() : proxy;
        Subscription subscription = new Subscription(proxy, target);
        try {
            target.basicQos(prefetch);
            target.basicConsume(queue, false, subscription);
        } catch (IOException | RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        buffer.add(new Delivery(envelope, properties, body));
    }

    @Override
    public void handleCancel(String consumerTag) {
        lost("the broker cancelled the consumer (queue deleted, or its node lost)");
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
        if (!closing) {
            lost("channel closed: " + signal.getMessage());
        }
    }

    private void lost(String reason) {
        if (lostBecause == null) {
            lostBecause = reason;
        }
        buffer.add(WAKE_UP);
    }

    /** Why the broker no longer delivers to this subscription, or null while it does. */
    String lostBecause() {
        return lostBecause;
    }

    /**
     * Waits up to {@code patience} for a first delivery, then takes whatever else is already buffered, up to
     * {@code max} in all, without waiting for any of it. Empty when nothing came or the worker was woken.
     */
    List<Delivery> next(int max, Duration patience) throws InterruptedException {
        Delivery first = buffer.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null || first == WAKE_UP) {
            return List.of();
        }
        List<Delivery> deliveries = new ArrayList<>(max);
        deliveries.add(first);
        buffer.drainTo(deliveries, max - 1);
        deliveries.removeIf(delivery -> delivery == WAKE_UP);
        return deliveries;
    }

    /** Deliveries received and not yet taken by the worker. */
    int buffered() {
        return (int) buffer.stream().filter(delivery -> delivery != WAKE_UP).count();
    }

    void wakeUp() {
        buffer.add(WAKE_UP);
    }

    /** Settles this delivery and every earlier one on the channel that is still open. */
    void ackUpTo(long deliveryTag) throws IOException {
        getChannel().basicAck(deliveryTag, true);
    }

    void requeue(long deliveryTag) throws IOException {
        getChannel().basicNack(deliveryTag, false, true);
    }

    /** Asks the broker to stop delivering; what is buffered or in hand stays unacknowledged until settled. */
    void cancel() {
        String tag = getConsumerTag();
        if (tag != null && lostBecause == null && getChannel().isOpen()) {
            try {
                getChannel().basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                // the channel is going away anyway, and its deliveries with it
            }
        }
    }

    /** Closes the channel for good, so the broker returns what is still unacknowledged to the queue. */
    void close() {
        closing = true;
        try {
            if (getChannel().isOpen()) {
                getChannel().close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // already closed by the broker or with its connection
        }
        RabbitUtils.setPhysicalCloseRequired(proxy, true);
        try {
            proxy.close();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // the target is closed already; this only returns the proxy's slot to the cache
        } finally {
            RabbitUtils.clearPhysicalCloseRequired();
        }
    }
}
