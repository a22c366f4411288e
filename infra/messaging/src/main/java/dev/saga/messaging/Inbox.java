package dev.saga.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotent consumer's memory: which message ids were handled, and the reply each produced. Used inside
 * the transaction of the business effect, so "handled" and "effect happened" commit together.
 */
public class Inbox {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Outbox outbox;

    public Inbox(JdbcTemplate jdbc, ObjectMapper json, Outbox outbox) {
        this.jdbc = jdbc;
        this.json = json;
        this.outbox = outbox;
    }

    /**
     * Records the message as handled; false if it was handled before. A concurrent duplicate waits here until
     * the first transaction ends, then sees it.
     */
    public boolean recordFirstDelivery(Envelope envelope) {
        return jdbc.update("INSERT INTO inbox (message_id, message_type) VALUES (?, ?) ON CONFLICT DO NOTHING",
                envelope.messageId(), envelope.type()) == 1;
    }

    public void storeReply(UUID messageId, OutboundMessage reply) {
        jdbc.update("""
                UPDATE inbox SET reply_exchange = ?, reply_routing_key = ?, reply_envelope = ?::jsonb, reply_body = ?
                WHERE message_id = ?""", reply.exchange(), reply.routingKey(), outbox.envelopeJson(reply.envelope()),
                reply.body(), messageId);
    }

    public Optional<OutboundMessage> storedReply(UUID messageId) {
        List<OutboundMessage> replies = jdbc.query("""
                SELECT reply_exchange, reply_routing_key, reply_envelope, reply_body FROM inbox
                WHERE message_id = ? AND reply_exchange IS NOT NULL""",
                (rs, i) -> new OutboundMessage(rs.getString(1), rs.getString(2),
                        readEnvelope(rs.getString(3)), rs.getString(4)), messageId);
        return replies.stream().findFirst();
    }

    private Envelope readEnvelope(String envelopeJson) {
        try {
            return json.readValue(envelopeJson, Envelope.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable stored reply envelope: " + envelopeJson, e);
        }
    }
}
