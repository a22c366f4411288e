package dev.saga.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.core.NestedExceptionUtils;

/**
 * Checks on every new broker connection that the shared {@link Topology#EXCHANGES} exist, without declaring them:
 * setup creates them, and no service's broker user may configure them. A passive declare needs no right at all.
 * It runs ahead of the admin that declares the service's own queues and bindings, so a service never binds into
 * a half set up virtual host: a missing exchange closes the connection and is refused by name. The next attempt
 * (a listener's recovery, the next publish) checks again, so a service heals once setup has run. After a broker
 * restart the exchanges are back (they are durable) and the check passes.
 */
public final class SagaExchangeCheck implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SagaExchangeCheck.class);

    private final String virtualHost;

    public SagaExchangeCheck(String virtualHost) {
        this.virtualHost = virtualHost;
    }

    @Override
    public void onCreate(Connection connection) {
        com.rabbitmq.client.Connection amqp = connection.getDelegate();
        List<String> missing = missing(amqp);
        if (!missing.isEmpty()) {
            amqp.abort();
            throw new MissingExchangeException(missing, virtualHost);
        }
    }

    /**
     * Opens the first connection before any consumer or relay starts, so a missing exchange fails start-up. A
     * broker that does not answer yet is no reason to stop: the check runs when the connection comes.
     */
    public static void atStartup(ConnectionFactory connections) {
        try {
            // the shared connection stays open for the consumers: closing it here only hands it back
            connections.createConnection().close();
        } catch (MissingExchangeException e) {
            throw e;
        } catch (AmqpException e) {
            LOG.warn("No broker connection at start-up ({}); the saga exchanges are checked once there is one",
                    NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        }
    }

    /** A failed passive declare closes its channel, so each exchange after a missing one gets a new channel. */
    private static List<String> missing(com.rabbitmq.client.Connection connection) {
        List<String> missing = new ArrayList<>();
        Channel channel = null;
        try {
            for (String exchange : Topology.EXCHANGES) {
                if (channel == null || !channel.isOpen()) {
                    channel = connection.createChannel();
                }
                try {
                    channel.exchangeDeclarePassive(exchange);
                } catch (IOException e) {
                    if (!notFound(e)) {
                        throw e;
                    }
                    missing.add(exchange);
                }
            }
        } catch (IOException e) {
            throw new AmqpIOException(e);
        } finally {
            closeQuietly(channel);
        }
        return missing;
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == AMQP.NOT_FOUND;
    }

    private static void closeQuietly(Channel channel) {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | TimeoutException e) {
                LOG.debug("Could not close the exchange check's channel", e);
            }
        }
    }
}
