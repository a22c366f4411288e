package dev.saga.chaos;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The runner's own AMQP connections to the broker (as guest, straight to its nodes, never through a
 * proxy), recovering by themselves, to a node that runs, after the broker restarts or closes them.
 */
final class AmqpConnections {

    private final ConnectionFactory factory = new ConnectionFactory();
    private final List<Address> addresses;

    AmqpConnections(Infrastructure infra) {
        this.addresses = infra.amqpAddresses();
        factory.setVirtualHost(Infrastructure.VHOST);
        factory.setUsername(Infrastructure.ADMIN_USER);
        factory.setPassword(Infrastructure.ADMIN_PASSWORD);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
    }

    Connection open(String name) throws IOException {
        try {
            return factory.newConnection(addresses, name);
        } catch (TimeoutException e) {
            throw new IOException("No connection to the broker within the timeout", e);
        }
    }

    /** A connection to that node alone, e.g. to declare a queue whose leader should start there. */
    Connection openTo(Address node, String name) throws IOException {
        try {
            return factory.newConnection(List.of(node), name);
        } catch (TimeoutException e) {
            throw new IOException("No connection to " + node + " within the timeout", e);
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            if (connection != null && connection.isOpen()) {
                connection.close(5000);
            }
        } catch (IOException | RuntimeException e) {
            // closing only; the broker drops the connection on its own
        }
    }
}
