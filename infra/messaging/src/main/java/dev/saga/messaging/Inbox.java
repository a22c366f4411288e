package dev.saga.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The idempotent consumer's memory: which message ids were handled, and the reply each produced. Used inside
 * the transaction of the business effect, so "handled" and "effect happened" commit together. A message handled
 * alone costs one statement ({@link #recordHandled}); a batch costs two ({@link #claim}, then
 * {@link #storeReplies}), whatever its size.
 */
public class Inbox {

    private static final String COLUMNS = "message_id, reply_exchange, reply_routing_key, reply_envelope, reply_body";

    private final JdbcTemplate jdbc;
    private final EnvelopeCodec codec;

    public Inbox(JdbcTemplate jdbc, EnvelopeCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    /** A message that was handled, and the reply it produced (null for an event, which has none). */
    public record Handled(UUID messageId, OutboundMessage reply) {

        public Optional<OutboundMessage> storedReply() {
            return Optional.ofNullable(reply);
        }
    }

    /**
     * Records a message handled alone, with its reply (null if it has none), after its handler ran: false if it
     * was handled before, and then the caller rolls the handler's work back. A concurrent duplicate waits here
     * until the first transaction ends, then conflicts.
     */
    public boolean recordHandled(Envelope envelope, OutboundMessage reply) {
        return jdbc.update("""
                INSERT INTO inbox (message_id, message_type, reply_exchange, reply_routing_key, reply_envelope,
                                   reply_body)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                envelope.messageId(), envelope.type(), reply == null ? null : reply.exchange(),
                reply == null ? null : reply.routingKey(), reply == null ? null : codec.storedForm(reply.envelope()),
                reply == null ? null : reply.body()) == 1;
    }

    /**
     * Claims a batch's message ids in one statement, before its handlers run; returns the ids that were new.
     * The others were handled before (or are being handled by a transaction this one now waited for). The rows
     * are inserted in id order, so two batches claiming the same ids wait for each other instead of deadlocking.
     */
    public Set<UUID> claim(Collection<Envelope> envelopes) {
        Map<UUID, String> types = new TreeMap<>();
        envelopes.forEach(envelope -> types.putIfAbsent(envelope.messageId(), envelope.type()));
        List<Object> parameters = new ArrayList<>();
        types.forEach((id, type) -> {
            parameters.add(id);
            parameters.add(type);
        });
        Set<UUID> claimed = new HashSet<>();
        jdbc.query("INSERT INTO inbox (message_id, message_type) VALUES "
                + String.join(", ", Collections.nCopies(types.size(), "(?, ?)"))
                + " ON CONFLICT DO NOTHING RETURNING message_id",
                rs -> {
                    claimed.add(rs.getObject(1, UUID.class));
                }, parameters.toArray());
        return claimed;
    }

    /** Stores the replies of a claimed batch in one statement: message id to reply. */
    public void storeReplies(Map<UUID, OutboundMessage> replies) {
        if (replies.isEmpty()) {
            return;
        }
        List<Object> parameters = new ArrayList<>();
        replies.forEach((id, reply) -> {
            parameters.add(id);
            parameters.add(reply.exchange());
            parameters.add(reply.routingKey());
            parameters.add(codec.storedForm(reply.envelope()));
            parameters.add(reply.body());
        });
        String rows = String.join(", ", Collections.nCopies(replies.size(), "(?::uuid, ?, ?, ?, ?)"));
        jdbc.update("UPDATE inbox SET reply_exchange = r.exchange, reply_routing_key = r.routing_key,"
                + " reply_envelope = r.envelope, reply_body = r.body"
                + " FROM (VALUES " + rows + ") AS r (message_id, exchange, routing_key, envelope, body)"
                + " WHERE inbox.message_id = r.message_id", parameters.toArray());
    }

    /** The message, if it was handled, with its stored reply. */
    public Optional<Handled> handled(UUID messageId) {
        return handled(List.of(messageId)).stream().findFirst();
    }

    /** Those of the messages that were handled, with their stored replies, in one statement. */
    public List<Handled> handled(Collection<UUID> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM inbox WHERE message_id = ANY(?)", this::row,
                (Object) messageIds.toArray(UUID[]::new));
    }

    private Handled row(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("message_id", UUID.class);
        String exchange = rs.getString("reply_exchange");
        if (exchange == null) {
            return new Handled(id, null);
        }
        return new Handled(id, new OutboundMessage(exchange, rs.getString("reply_routing_key"),
                codec.fromStoredForm(rs.getString("reply_envelope")), rs.getString("reply_body")));
    }
}
