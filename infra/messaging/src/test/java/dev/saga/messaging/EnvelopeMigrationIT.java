package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.messaging.testing.RealServices;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The envelope columns turn from jsonb into text under rows in flight, and a process of the previous version
 * (which writes {@code ?::jsonb}) keeps working against the new columns during a rolling upgrade.
 */
class EnvelopeMigrationIT {

    private static final String SCHEMA = "upgrade";
    private static final String ENVELOPE = "{\"messageId\": \"" + UUID.randomUUID()
            + "\", \"type\": \"order.ApproveOrder\"}";

    private static Map<String, String> services;
    private static PGSimpleDataSource dataSource;
    private static JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void database() {
        services = RealServices.isolated();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(services.get("saga.database.url") + "?currentSchema=" + SCHEMA);
        dataSource.setUser(services.get("spring.datasource.username"));
        dataSource.setPassword(services.get("spring.datasource.password"));
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void release() {
        RealServices.release(services);
    }

    @Test
    void keepsTheRowsInFlightAndTakesWritesOfThePreviousVersion() throws Exception {
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).table("messaging_schema_history")
                .locations("classpath:db/messaging").target("1").load().migrate();
        UUID inFlight = UUID.randomUUID();
        writeAsPreviousVersion(inFlight);

        new MessagingSchema(dataSource, SCHEMA).afterPropertiesSet();

        assertThat(jdbc.queryForList("""
                SELECT data_type FROM information_schema.columns WHERE table_schema = ?
                AND column_name IN ('envelope', 'reply_envelope')""", String.class, SCHEMA))
                .containsExactly("text", "text");
        assertThat(json.readTree(envelopeOf(inFlight))).isEqualTo(json.readTree(ENVELOPE));
        assertThat(json.readTree(replyEnvelopeOf(inFlight))).isEqualTo(json.readTree(ENVELOPE));

        UUID writtenDuringUpgrade = UUID.randomUUID();
        writeAsPreviousVersion(writtenDuringUpgrade);
        assertThat(json.readTree(envelopeOf(writtenDuringUpgrade))).isEqualTo(json.readTree(ENVELOPE));
        assertThat(json.readTree(replyEnvelopeOf(writtenDuringUpgrade))).isEqualTo(json.readTree(ENVELOPE));
    }

    /** The statements of the version before: envelopes cast to jsonb. */
    private static void writeAsPreviousVersion(UUID messageId) {
        jdbc.update("""
                INSERT INTO outbox (message_id, exchange, routing_key, envelope, body)
                VALUES (?, 'saga.commands', 'order.approve-order', ?::jsonb, '{}')""", messageId, ENVELOPE);
        jdbc.update("INSERT INTO inbox (message_id, message_type) VALUES (?, 'order.ApproveOrder')", messageId);
        jdbc.update("""
                UPDATE inbox SET reply_exchange = 'saga.replies', reply_routing_key = 'x', reply_envelope = ?::jsonb,
                  reply_body = '{}' WHERE message_id = ?""", ENVELOPE, messageId);
    }

    private static String envelopeOf(UUID messageId) {
        return jdbc.queryForObject("SELECT envelope FROM outbox WHERE message_id = ?", String.class, messageId);
    }

    private static String replyEnvelopeOf(UUID messageId) {
        return jdbc.queryForObject("SELECT reply_envelope FROM inbox WHERE message_id = ?", String.class, messageId);
    }
}
