package dev.saga.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows with publisher confirms, and with {@code mandatory} as each row says. A row is
 * deleted only after the broker confirmed it; a row the broker did not confirm stays, with its error, and is
 * tried again later. So does a mandatory row the broker returned (unroutable): a command, a reply or a saga's
 * start event that no queue takes would be lost work. A notification's row is published without the flag, so
 * nobody listening is no error: confirmed, it is done.
 *
 * <p>Two ways in. A process hands the rows it just committed over in memory ({@link #committed}), so they are
 * published without being read back; they are written with a lease ({@link #HANDOFF_LEASE}) during which the
 * poll leaves them alone. The poll claims due rows with {@code FOR UPDATE SKIP LOCKED}: rows whose publishing
 * failed, and rows whose process crashed between commit and publish (due once the lease ran out), so several
 * processes can relay one outbox and nothing committed is lost. A row published twice (a lease that ran out
 * under a backlog) is a duplicate, which every consumer handles.
 *
 * <p>Confirmed handed-off rows are deleted together, up to {@link OutboxSettings#deleteDelay()} after their
 * confirm, rather than one commit per publish: their lease keeps the poll off them meanwhile, and a crash before
 * the delete only means the poll publishes them again once the lease ran out (duplicates, as above).
 */
public class OutboxRelay implements SmartLifecycle {

    /** How long a handed-off row is left to its process before the poll takes it as abandoned. */
    private static final Duration HANDOFF_LEASE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RabbitTemplate rabbit;
    private final EnvelopeCodec codec;
    private final OutboxSettings settings;

    private final Semaphore wakeUps = new Semaphore(0);
    private final Queue<Row> handedOff = new ConcurrentLinkedQueue<>();
    /** Handed-off rows the broker confirmed, not deleted yet; only the worker thread touches it. */
    private final List<Long> confirmedHandedOff = new ArrayList<>();
    private long oldestConfirmNanos;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, RabbitTemplate rabbit, EnvelopeCodec codec,
                       OutboxSettings settings) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rabbit = rabbit;
        this.codec = codec;
        this.settings = settings;
    }

    /**
     * How long, from its commit, a row this process writes is left to it before the poll may take it: the lease
     * of a handed-off row, or none when this process publishes nothing and leaves its rows to other instances.
     */
    long leaseSeconds() {
        return settings.enabled() ? HANDOFF_LEASE.toSeconds() : 0;
    }

    /** Called after the transaction that wrote {@code message} as outbox row {@code id} committed. */
    void committed(long id, OutboundMessage message) {
        // With the relay off no worker runs here, so nothing is queued (nor a wake-up counted) for it.
        if (settings.enabled()) {
            handedOff.add(new Row(id, message, new CorrelationData(Long.toString(id))));
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        running = true;
        if (!settings.enabled()) {
            LOG.warn("Outbox relay disabled (saga.outbox.enabled=false): this process publishes nothing");
            return;
        }
        worker = new Thread(this::relayUntilStopped, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        if (worker == null) {
            return;
        }
        try {
            worker.join(settings.confirmTimeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop after the listeners (which write to the outbox) and start before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /**
     * Publishes what was handed over as it comes, and polls the table every poll interval (at once again while
     * the poll finds full batches).
     */
    private void relayUntilStopped() {
        long lastPoll = System.nanoTime() - settings.pollInterval().toNanos();
        boolean backlog = false;
        while (running) {
            try {
                relayHandedOff();
                if (confirmedHandedOff.size() >= settings.batchSize() || deleteDue()) {
                    deleteConfirmedHandedOff();
                }
                if (backlog || System.nanoTime() - lastPoll >= settings.pollInterval().toNanos()) {
                    backlog = relayBatch() == settings.batchSize();
                    lastPoll = System.nanoTime();
                }
                if (!backlog && handedOff.isEmpty()) {
                    wakeUps.tryAcquire(idleWaitMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.warn("Outbox relay could not publish, retrying in {}: {}", settings.pollInterval(), e.toString());
                sleep(settings.pollInterval());
            }
        }
        try {
            deleteConfirmedHandedOff();
        } catch (RuntimeException e) {
            LOG.warn("Outbox relay stopped with {} confirmed rows not deleted; the poll publishes them again: {}",
                    confirmedHandedOff.size(), e.toString());
        }
    }

    /** Until the next poll, or sooner when confirmed rows wait to be deleted. */
    private long idleWaitMillis() {
        if (confirmedHandedOff.isEmpty()) {
            return settings.pollInterval().toMillis();
        }
        long untilDelete = settings.deleteDelay().toNanos() - (System.nanoTime() - oldestConfirmNanos);
        return Math.max(1, Math.min(settings.pollInterval().toMillis(), TimeUnit.NANOSECONDS.toMillis(untilDelete)));
    }

    private boolean deleteDue() {
        return !confirmedHandedOff.isEmpty()
                && System.nanoTime() - oldestConfirmNanos >= settings.deleteDelay().toNanos();
    }

    /** Publishes up to a batch of handed-over rows. */
    private void relayHandedOff() {
        List<Row> rows = new ArrayList<>();
        Row next;
        while (rows.size() < settings.batchSize() && (next = handedOff.poll()) != null) {
            rows.add(next);
        }
        if (!rows.isEmpty()) {
            publish(rows);
            if (confirmedHandedOff.isEmpty()) {
                oldestConfirmNanos = System.nanoTime();
            }
            confirmedHandedOff.addAll(settle(rows));
        }
    }

    private void deleteConfirmedHandedOff() {
        if (!confirmedHandedOff.isEmpty()) {
            delete(confirmedHandedOff);
            confirmedHandedOff.clear();
        }
    }

    /** Publishes one batch of due rows; returns how many rows it claimed. */
    private int relayBatch() {
        Integer claimed = transaction.execute(status -> {
            List<Row> rows = jdbc.query("""
                    SELECT id, exchange, routing_key, envelope, body, mandatory FROM outbox
                    WHERE next_attempt_at <= now() ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
                    (rs, i) -> new Row(rs.getLong(1), new OutboundMessage(rs.getString(2), rs.getString(3),
                            codec.fromStoredForm(rs.getString(4)), rs.getString(5), rs.getBoolean(6)),
                            new CorrelationData(rs.getString(1))),
                    settings.batchSize());
            publish(rows);
            delete(settle(rows));
            return rows.size();
        });
        return claimed == null ? 0 : claimed;
    }

    /**
     * Publishes the rows on one channel, taken from the cache once for all of them rather than once per message;
     * their confirms are awaited together afterwards ({@link #settle}). The template's own send would take its
     * {@code mandatory} from its configuration, the same for every message; each row says its own.
     */
    private void publish(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        rabbit.execute(channel -> {
            for (Row row : rows) {
                OutboundMessage m = row.message();
                rabbit.doSend(channel, m.exchange(), m.routingKey(), codec.toAmqp(m.envelope(), m.body()),
                        m.mandatory(), row.confirm());
            }
            return null;
        });
    }

    /** Waits for each row's confirm; records the failure on rows not published; returns the confirmed ids. */
    private List<Long> settle(List<Row> rows) {
        List<Long> confirmed = new ArrayList<>();
        for (Row row : rows) {
            String failure = awaitConfirm(row);
            if (failure == null) {
                confirmed.add(row.id());
            } else {
                LOG.warn("Outbox message {} to {}/{} not published: {}", row.message().envelope().messageId(),
                        row.message().exchange(), row.message().routingKey(), failure);
                jdbc.update("""
                        UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = now()
                          + least(interval '1 second' * power(2, attempts), interval '5 minutes')
                        WHERE id = ?""", failure, row.id());
            }
        }
        return confirmed;
    }

    private void delete(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("DELETE FROM outbox WHERE id = ANY(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())));
        }
    }

    private String awaitConfirm(Row row) {
        try {
            CorrelationData.Confirm confirm = row.confirm().getFuture()
                    .get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (row.confirm().getReturned() != null) {
                return "returned as unroutable: " + row.confirm().getReturned().getReplyText();
            }
            return confirm.isAck() ? null : "nacked by the broker: " + confirm.getReason();
        } catch (java.util.concurrent.TimeoutException e) {
            return "no confirm within " + settings.confirmTimeout();
        } catch (java.util.concurrent.ExecutionException e) {
            return "confirm failed: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the confirm";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Row(long id, OutboundMessage message, CorrelationData confirm) {
    }
}
