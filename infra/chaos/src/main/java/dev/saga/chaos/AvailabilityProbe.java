package dev.saga.chaos;

import com.rabbitmq.client.AMQP;
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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * How long the broker and the database stopped serving while a scenario ran, as a client sees it: every 100 ms
 * the probe publishes a persistent message to a quorum queue of its own and waits for its confirm, consumes it
 * back, and commits a heartbeat row. The longest gap between two successes of each is the pause the report shows
 * (a gap still open when the probe stops counts up to then).
 */
final class AvailabilityProbe implements AutoCloseable {

    static final String QUEUE = "chaos.probe";
    private static final long TICK_MILLIS = 100;

    private final AmqpConnections amqp;
    private final String databaseUrl;
    private final Gap published = new Gap();
    private final Gap consumed = new Gap();
    private final Gap committed = new Gap();
    private final Thread broker = new Thread(this::probeBroker, "probe-broker");
    private final Thread database = new Thread(this::probeDatabase, "probe-database");
    private volatile boolean running = true;
    private volatile boolean subscribed;

    /** The longest pauses, in seconds. */
    record Pauses(double publishing, double consuming, double committing) {
    }

    AvailabilityProbe(AmqpConnections amqp, String databaseUrl) {
        this.amqp = amqp;
        this.databaseUrl = databaseUrl;
    }

    AvailabilityProbe start() {
        broker.setDaemon(true);
        database.setDaemon(true);
        broker.start();
        database.start();
        return this;
    }

    /** Stops probing and says how long each pause lasted. */
    Pauses stop() {
        running = false;
        broker.interrupt();
        database.interrupt();
        join(broker);
        join(database);
        Instant now = Instant.now();
        return new Pauses(published.longestUntil(now), consumed.longestUntil(now), committed.longestUntil(now));
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    private void probeBroker() {
        Connection connection = null;
        Channel publishing = null;
        Channel consuming = null;
        byte[] body = "probe".getBytes(StandardCharsets.UTF_8);
        while (running) {
            try {
                if (connection == null) {
                    connection = amqp.open("chaos-probe");
                }
                if (publishing == null || !publishing.isOpen()) {
                    publishing = connection.createChannel();
                    publishing.confirmSelect();
                    publishing.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
                }
                if (consuming == null || !consuming.isOpen() || !subscribed) {
                    consuming = subscribe(connection);
                }
                publishing.basicPublish("", QUEUE, MessageProperties.PERSISTENT_BASIC, body);
                publishing.waitForConfirmsOrDie(5000);
                published.success();
            } catch (IOException | TimeoutException | RuntimeException e) {
                // The broker is the fault being injected: a fresh channel next time, once the connection recovered.
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

    private Channel subscribe(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        channel.basicQos(50);
        channel.basicConsume(QUEUE, false, new DefaultConsumer(channel) {
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
