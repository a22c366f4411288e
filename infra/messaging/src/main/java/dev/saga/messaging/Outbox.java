package dev.saga.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes outgoing messages into the current transaction; the {@link OutboxRelay} publishes them once it
 * commits. Nothing is published for a transaction that rolls back, and nothing committed is lost.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final EnvelopeCodec codec;
    private final ObjectMapper json;
    private final MessageTracing tracing;
    private final OutboxRelay relay;

    public Outbox(JdbcTemplate jdbc, EnvelopeCodec codec, ObjectMapper json, MessageTracing tracing,
                  OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.json = json;
        this.tracing = tracing;
        this.relay = relay;
    }

    /**
     * Adds a message that continues the current trace (if any) to the current transaction, stamped with the
     * version of the payload's type that its body is written in.
     */
    public OutboundMessage add(String exchange, String routingKey, Envelope envelope, Object payload) {
        OutboundMessage message = new OutboundMessage(exchange, routingKey,
                tracing.stamped(codec.versioned(envelope, payload)), codec.payloadJson(payload));
        add(message);
        return message;
    }

    public void add(OutboundMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The outbox must be written inside the transaction of the state change");
        }
        long id = jdbc.queryForObject("""
                INSERT INTO outbox (message_id, exchange, routing_key, envelope, body, next_attempt_at)
                VALUES (?, ?, ?, ?::jsonb, ?, now() + make_interval(secs => ?)) RETURNING id""", Long.class,
                message.envelope().messageId(), message.exchange(), message.routingKey(),
                envelopeJson(message.envelope()), message.body(), relay.leaseSeconds());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.committed(id, message);
            }
        });
    }

    String envelopeJson(Envelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write envelope " + envelope, e);
        }
    }
}
