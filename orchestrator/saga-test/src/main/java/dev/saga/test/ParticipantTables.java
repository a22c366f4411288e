package dev.saga.test;

import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.OutboundMessage;
import dev.saga.messaging.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the kit reads back after a delivery: the replies the outbox got (plain rows, as no relay takes them), the
 * reply the inbox stored, and the rows of the queries the test watches.
 */
final class ParticipantTables {

    private final JdbcTemplate jdbc;
    private final EnvelopeCodec codec;
    private final Inbox inbox;

    ParticipantTables(JdbcTemplate jdbc, EnvelopeCodec codec, Inbox inbox) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.inbox = inbox;
    }

    /** The outbox's newest row id: what a delivery writes comes after it. */
    long lastOutboxRow() {
        Long last = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM outbox", Long.class);
        return last == null ? 0 : last;
    }

    /** The replies to the message written to the outbox after row {@code after}, in the order written. */
    List<OutboundMessage> repliesSince(long after, UUID messageId) {
        return jdbc.query("SELECT exchange, routing_key, envelope, body, mandatory FROM outbox WHERE id > ?"
                        + " ORDER BY id",
                (rs, row) -> new OutboundMessage(rs.getString("exchange"), rs.getString("routing_key"),
                        codec.fromStoredForm(rs.getString("envelope")), rs.getString("body"),
                        rs.getBoolean("mandatory")), after)
                .stream()
                .filter(message -> message.exchange().equals(Topology.REPLIES)
                        && messageId.equals(message.envelope().correlationId()))
                .toList();
    }

    /** The inbox's record of the message, if it was handled, with the reply it stored. */
    Optional<Inbox.Handled> handled(UUID messageId) {
        return inbox.handled(messageId);
    }

    /** The reply's payload as the orchestrator reads it: checked against its schema, as the current record. */
    Object payloadOf(OutboundMessage reply) {
        return codec.fromAmqp(codec.toAmqp(reply.envelope(), reply.body())).payload();
    }

    /** Each watched query's rows, in the order the queries were given. */
    List<List<Map<String, Object>>> read(List<String> queries) {
        return queries.stream().map(jdbc::queryForList).toList();
    }
}
