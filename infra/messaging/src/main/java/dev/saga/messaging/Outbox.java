package dev.saga.messaging;

import dev.saga.definition.MessageTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes outgoing messages into the current transaction; the {@link OutboxRelay} publishes them once it
 * commits. Nothing is published for a transaction that rolls back, and nothing committed is lost. The messages a
 * transaction adds are written together just before it commits, in one statement: a batch of handled messages
 * costs one outbox insert, not one per reply or command.
 */
public class Outbox {

    /** Bind parameters stay far below the driver's limit (32,767 per statement). */
    private static final int ROWS_PER_STATEMENT = 1000;

    private final JdbcTemplate jdbc;
    private final EnvelopeCodec codec;
    private final MessageTracing tracing;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, EnvelopeCodec codec, MessageTracing tracing, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.tracing = tracing;
        this.relay = relay;
    }

    /**
     * Adds a message that continues the current trace (if any) to the current transaction, stamped with the
     * version of the payload's type that its body is written in. It must reach a queue unless its type is a
     * {@link dev.saga.contract.Notification}.
     */
    public OutboundMessage add(String exchange, String routingKey, Envelope envelope, Object payload) {
        OutboundMessage message = new OutboundMessage(exchange, routingKey,
                tracing.stamped(codec.versioned(envelope, payload)), codec.payloadJson(payload),
                !MessageTypes.isNotification(payload.getClass()));
        add(message);
        return message;
    }

    public void add(OutboundMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox must be written inside the transaction of the state change");
        }
        pendingInThisTransaction().add(message);
    }

    /** The messages this transaction added so far; the first call registers their write before commit. */
    private List<OutboundMessage> pendingInThisTransaction() {
        @SuppressWarnings("unchecked")
        List<OutboundMessage> pending = (List<OutboundMessage>) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            return pending;
        }
        List<OutboundMessage> messages = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, messages);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private List<Long> ids = List.of();

            @Override
            public void beforeCommit(boolean readOnly) {
                ids = insert(messages);
            }

            @Override
            public void afterCommit() {
                for (int i = 0; i < ids.size(); i++) {
                    relay.committed(ids.get(i), messages.get(i));
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
            }
        });
        return messages;
    }

    /**
     * Writes the transaction's messages with one statement per {@value #ROWS_PER_STATEMENT}, however many the
     * transaction (a whole batch of handled messages) added; returns their row ids in the order given.
     */
    private List<Long> insert(List<OutboundMessage> messages) {
        List<Long> ids = new ArrayList<>(messages.size());
        for (int from = 0; from < messages.size(); from += ROWS_PER_STATEMENT) {
            List<OutboundMessage> rows = messages.subList(from, Math.min(messages.size(), from + ROWS_PER_STATEMENT));
            String sql = "INSERT INTO outbox (message_id, exchange, routing_key, envelope, body, mandatory,"
                    + " next_attempt_at) VALUES " + String.join(", ", Collections.nCopies(rows.size(),
                            "(?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))"))
                    + " RETURNING id";
            List<Object> parameters = new ArrayList<>(rows.size() * 7);
            for (OutboundMessage message : rows) {
                parameters.addAll(Arrays.asList(message.envelope().messageId(), message.exchange(),
                        message.routingKey(), codec.storedForm(message.envelope()), message.body(),
                        message.mandatory(), relay.leaseSeconds()));
            }
            // A single-table INSERT ... VALUES returns its rows in the order of the VALUES list.
            ids.addAll(jdbc.queryForList(sql, Long.class, parameters.toArray()));
        }
        if (ids.size() != messages.size()) {
            throw new IllegalStateException("Outbox wrote " + ids.size() + " rows for " + messages.size()
                    + " messages");
        }
        return ids;
    }
}
