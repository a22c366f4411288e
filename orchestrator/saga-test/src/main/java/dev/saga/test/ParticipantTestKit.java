package dev.saga.test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.saga.contract.Command;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.MessageRegistry;
import dev.saga.messaging.MessageTracing;
import dev.saga.messaging.MessagingSchema;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.OutboxRelay;
import dev.saga.messaging.OutboxSettings;
import dev.saga.messaging.Topology;
import dev.saga.participant.kit.AdvisoryLocks;
import dev.saga.participant.kit.MessageDispatcher;
import dev.saga.participant.kit.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers messages to a participant through the participant kit's own dispatcher, inbox and outbox, over a real
 * PostgreSQL database and without a broker: deliver a command, see the reply it stored and sent, deliver it again
 * with the same message id, and check that the duplicate got the stored reply and changed nothing.
 *
 * <pre>{@code
 * ParticipantTestKit.migrate(dataSource, "inventory", "classpath:db/inventory");
 * ParticipantTestKit.of(inventoryParticipant, dataSource, inventoryMessages)
 *     .watching("SELECT sku, on_hand, reserved FROM stock ORDER BY sku")
 *     .deliver(new ReserveStock(orderId, List.of(new OrderLine("SKU-BOOK", 2))))
 *     .expectReply(StockReserved.class)
 *     .expectEffect()
 *     .deliverAgain()
 *     .expectSameReply()
 *     .expectNoFurtherEffect();
 * }</pre>
 *
 * <p>Why a database and not a fake: the inbox's guarantee is the transaction's. A redelivered message is handled
 * alone, and its handler runs again; then its inbox row conflicts, the whole transaction rolls back, and the
 * stored reply is sent instead. So what the kit checks is not how often the handler ran (on a redelivery it runs
 * twice, by design) but what survived: the rows {@link #watching} names, which a duplicate must leave as they
 * were. A handler fails that check when it writes outside the kit's transaction: through another connection or
 * data source, in a transaction of its own, or to another system.
 *
 * <p>The participant's handlers must use {@code dataSource} (a {@link JdbcTemplate} over it), the one the kit's
 * transactions run on; and the test must not run in a transaction of its own, which would swallow the kit's.
 * Outbox rows stay in the table: no relay runs, and nothing is published.
 */
public final class ParticipantTestKit {

    /** The saga type the kit's commands claim to come from; the replies' routing keys start with it. */
    static final String SAGA_TYPE = "participant-test";

    private final Participant participant;
    private final EnvelopeCodec codec;
    private final MessageDispatcher dispatcher;
    private final ParticipantTables tables;
    private final List<String> watched = new ArrayList<>();

    private ParticipantTestKit(Participant participant, DataSource dataSource, MessageContract... contracts) {
        this.participant = participant;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        this.codec = new EnvelopeCodec(JsonMapper.builder().findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(), MessageRegistry.of(contracts));
        TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        // Disabled and never started: the outbox hands it nothing, and the rows stay for the kit to read.
        OutboxRelay noRelay = new OutboxRelay(jdbc, transaction, new RabbitTemplate(), codec,
                new OutboxSettings(false, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        Inbox inbox = new Inbox(jdbc, codec);
        this.dispatcher = new MessageDispatcher(participant, inbox,
                new Outbox(jdbc, codec, MessageTracing.none(), noRelay), new AdvisoryLocks(jdbc), transaction,
                MessageTracing.none());
        this.tables = new ParticipantTables(jdbc, codec, inbox);
    }

    /**
     * A kit for the participant, whose handlers work on {@code dataSource} (its schema must be migrated), with the
     * application's message contracts, as its {@code MessageContract} beans register them.
     */
    public static ParticipantTestKit of(Participant participant, DataSource dataSource,
                                        MessageContract... contracts) {
        return new ParticipantTestKit(participant, dataSource, contracts);
    }

    /**
     * Migrates {@code schema} as the service's start-up would: the service's own Flyway migrations from
     * {@code locations} (e.g. {@code classpath:db/inventory}) first, then the kit's inbox and outbox tables.
     */
    public static void migrate(DataSource dataSource, String schema, String... locations) {
        if (locations.length > 0) {
            Flyway.configure().dataSource(dataSource).schemas(schema).locations(locations).load().migrate();
        }
        new MessagingSchema(dataSource, schema).afterPropertiesSet();
    }

    /**
     * A query whose rows show the handlers' effect, e.g. the stock levels. Every delivery reads it before and
     * after; {@link Delivery#expectEffect()} and {@link Delivery#expectNoFurtherEffect()} compare the two.
     */
    public ParticipantTestKit watching(String query) {
        watched.add(query);
        return this;
    }

    /** Delivers a command (or an event) with a new message id, as a first attempt, and handles it. */
    public Delivery deliver(Object message) {
        Class<?> type = message.getClass();
        Envelope envelope = message instanceof Command<?>
                ? Envelope.command(UUID.randomUUID(), MessageTypes.nameOf(type), UUID.randomUUID(), SAGA_TYPE,
                        MessageTypes.kebab(type), 1, SAGA_TYPE + "." + participant.name())
                : Envelope.event(MessageTypes.nameOf(type));
        return new Delivery(this, envelope, message, null).handled();
    }

    /**
     * Handles the message as the consumer hands it over: written and read back through the codec (so it meets its
     * schema, as a message from the broker must), then dispatched alone.
     */
    void dispatch(Envelope envelope, Object message) {
        boolean command = message instanceof Command<?>;
        String routingKey = command ? participant.name() + "." + MessageTypes.kebab(message.getClass())
                : MessageTypes.eventRoutingKey(message.getClass());
        IncomingMessage decoded = codec.fromAmqp(codec.encode(envelope, message));
        dispatcher.dispatch(List.of(new IncomingMessage(decoded.envelope(), decoded.payload(),
                command ? Topology.COMMANDS : Topology.EVENTS, routingKey, new MessageOrigin(null, routingKey))));
    }

    ParticipantTables tables() {
        return tables;
    }

    List<String> watched() {
        return List.copyOf(watched);
    }
}
