package dev.saga.chaos;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * How long the broker and the database stopped serving while a scenario ran, as a client sees it: every 100 ms
 * the probe publishes a persistent message to each of its quorum queues and waits for the confirm, consumes them
 * back, and commits a heartbeat row. It has one queue led by each broker node (declared through that node, which
 * places the leader there), so whichever node a fault takes, one queue must elect a new leader. The longest gap
 * between two successes, over every queue, is the pause the report shows (a gap still open at the end counts up to
 * then).
 */
final class AvailabilityProbe {

    static final String QUEUE_PREFIX = "chaos.probe.";
    private static final long TICK_MILLIS = 100;

    private final AmqpConnections amqp;
    private final String databaseUrl;
    private final List<Lane> lanes = new ArrayList<>();
    private final Gap committed = new Gap();
    private final Thread database = new Thread(this::probeDatabase, "probe-database");
    private volatile boolean running = true;

    /** The longest pauses, in seconds. */
    record Pauses(double publishing, double consuming, double committing) {
    }

    AvailabilityProbe(AmqpConnections amqp, List<Address> nodes, String databaseUrl) {
        this.amqp = amqp;
        this.databaseUrl = databaseUrl;
        for (int i = 0; i < nodes.size(); i++) {
            lanes.add(new Lane(QUEUE_PREFIX + (i + 1), nodes.get(i)));
        }
    }

    /** The probe's queues, one per node, for deleting them afterwards. */
    List<String> queues() {
        return lanes.stream().map(lane -> lane.queue).toList();
    }

    AvailabilityProbe start() {
        for (Lane lane : lanes) {
            lane.thread.setDaemon(true);
            lane.thread.start();
        }
        database.setDaemon(true);
        database.start();
        return this;
    }

    /** Stops probing and says how long each pause lasted. */
    Pauses stop() {
        running = false;
        lanes.forEach(lane -> lane.thread.interrupt());
        database.interrupt();
        lanes.forEach(lane -> join(lane.thread));
        join(database);
        Instant now = Instant.now();
        double publishing = lanes.stream().mapToDouble(lane -> lane.published.longestUntil(now)).max().orElse(0);
        double consuming = lanes.stream().mapToDouble(lane -> lane.consumed.longestUntil(now)).max().orElse(0);
        return new Pauses(publishing, consuming, committed.longestUntil(now));
    }

    /** One queue, led by one node, with its publisher and consumer on a connection that recovers to any node. */
    private final class Lane {
        final String queue;
        final Address leader;
        final Gap published = new Gap();
        final Gap consumed = new Gap();
        final Thread thread;
        volatile boolean subscribed;

        Lane(String queue, Address leader) {
            this.queue = queue;
            this.leader = leader;
            this.thread = new Thread(this::probe, "probe-" + queue);
        }

        private void probe() {
            Connection connection = null;
            Channel publishing = null;
            Channel consuming = null;
            byte[] body = "probe".getBytes(StandardCharsets.UTF_8);
            while (running) {
                try {
                    if (connection == null) {
                        declareThroughLeader();
                        connection = amqp.open("chaos-probe-" + queue);
                    }
                    if (publishing == null || !publishing.isOpen()) {
                        publishing = connection.createChannel();
                        publishing.confirmSelect();
                    }
                    if (consuming == null || !consuming.isOpen() || !subscribed) {
                        consuming = subscribe(connection);
                    }
                    publishing.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
                    publishing.waitForConfirmsOrDie(5000);
                    published.success();
                } catch (IOException | TimeoutException | RuntimeException e) {
                    // The broker is the fault being injected: a fresh channel next time, once the connection is back.
                    publishing = null;
                } catch (InterruptedException e) {
                    break;
                }
                if (!tick()) {
                    break;
                }
            }
            AmqpConnections.closeQuietly(connection);
        }

        /** A quorum queue's leader starts on the node its declaring client is connected to. */
        private void declareThroughLeader() throws IOException, TimeoutException {
            Connection direct = amqp.openTo(leader, "chaos-probe-declare");
            try (Channel channel = direct.createChannel()) {
                channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            } finally {
                AmqpConnections.closeQuietly(direct);
            }
        }

        private Channel subscribe(Connection connection) throws IOException {
            Channel channel = connection.createChannel();
            channel.basicQos(50);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    consumed.success();
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }

                @Override
                public void handleCancel(String consumerTag) {
                    // The broker ended the subscription (its queue moved or was deleted): subscribe again.
                    subscribed = false;
                }
            });
            subscribed = true;
            return channel;
        }
    }

    private void probeDatabase() {
        Properties settings = new Properties();
        settings.setProperty("user", Infrastructure.DATABASE_USER);
        settings.setProperty("connectTimeout", "3");
        settings.setProperty("socketTimeout", "120");
        java.sql.Connection connection = null;
        while (running) {
            try {
                if (connection == null) {
                    connection = DriverManager.getConnection(databaseUrl, settings);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE TABLE IF NOT EXISTS public.chaos_probe (id int PRIMARY KEY,"
                                + " beats bigint NOT NULL)");
                        statement.execute("INSERT INTO public.chaos_probe VALUES (1, 0) ON CONFLICT DO NOTHING");
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("UPDATE public.chaos_probe SET beats = beats + 1 WHERE id = 1");
                }
                committed.success();
            } catch (SQLException e) {
                closeQuietly(connection);
                connection = null;
            }
            if (!tick()) {
                break;
            }
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(java.sql.Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing only
        }
    }

    /** Waits one tick; false once the probe is stopped (interrupted). */
    private static boolean tick() {
        try {
            Thread.sleep(TICK_MILLIS);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The longest time between two successes, from the probe's start. */
    private static final class Gap {
        private final Instant started = Instant.now();
        private Instant last;
        private Duration longest = Duration.ZERO;

        synchronized void success() {
            Instant now = Instant.now();
            Duration gap = Duration.between(last == null ? started : last, now);
            if (gap.compareTo(longest) > 0) {
                longest = gap;
            }
            last = now;
        }

        synchronized double longestUntil(Instant end) {
            Duration open = Duration.between(last == null ? started : last, end);
            return (open.compareTo(longest) > 0 ? open : longest).toMillis() / 1000.0;
        }
    }
}
