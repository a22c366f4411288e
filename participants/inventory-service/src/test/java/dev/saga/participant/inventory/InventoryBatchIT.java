package dev.saga.participant.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saga.contract.inventory.DeductInventory;
import dev.saga.contract.inventory.ReserveStock;
import dev.saga.contract.inventory.RestockOrder;
import dev.saga.contract.inventory.StockReserved;
import dev.saga.contract.order.OrderLine;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Inbox;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.MessageTracing;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.OrchestratorStandIn;
import dev.saga.messaging.testing.RealServices;
import dev.saga.participant.kit.AdvisoryLocks;
import dev.saga.participant.kit.LockKey;
import dev.saga.participant.kit.MessageDispatcher;
import dev.saga.participant.kit.Participant;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participant kit's batches on the inventory service's real handlers, PostgreSQL and RabbitMQ: the batches are
 * handed to the dispatcher directly, as the consumer hands them over. A trigger counts the statements that write
 * the inbox.
 */
@Import(OrchestratorStandIn.ReplyQueue.class)
@SpringBootTest(properties = "spring.config.name=inventory", webEnvironment = SpringBootTest.WebEnvironment.NONE)
class InventoryBatchIT {

    private static final String SAGA_TYPE = "order-fulfilment";

    @Autowired
    private MessageDispatcher dispatcher;
    @Autowired
    private Warehouse warehouse;
    @Autowired
    private Inbox inbox;
    @Autowired
    private Outbox outbox;
    @Autowired
    private AdvisoryLocks locks;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private JdbcTemplate jdbc;

    private OrchestratorStandIn orchestrator;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    void countInboxStatements() {
        orchestrator = new OrchestratorStandIn(rabbit, codec, "inventory");
        jdbc.execute("""
                CREATE TABLE IF NOT EXISTS inbox_statement (op text NOT NULL);
                CREATE OR REPLACE FUNCTION count_inbox_statement() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO inbox_statement VALUES (TG_OP); RETURN NULL; END $$;
                DROP TRIGGER IF EXISTS inbox_statements ON inbox;
                CREATE TRIGGER inbox_statements AFTER INSERT OR UPDATE ON inbox
                FOR EACH STATEMENT EXECUTE FUNCTION count_inbox_statement();
                TRUNCATE inbox_statement""");
    }

    @Test
    void aMessageAloneWritesItsInboxRowOnceWithItsReply() {
        IncomingMessage reserve = reserve(UUID.randomUUID(), "SKU-BOOK");

        dispatcher.dispatch(List.of(reserve));

        assertThat(inboxStatements()).containsExactly("INSERT");
        assertThat(jdbc.queryForObject("SELECT reply_routing_key FROM inbox WHERE message_id = ?", String.class,
                reserve.envelope().messageId())).isEqualTo(SAGA_TYPE + ".inventory.stock-reserved");
        assertThat(orchestrator.awaitReplies(reserve.envelope().messageId(), 1).get(0).payload())
                .isEqualTo(new StockReserved(((ReserveStock) reserve.payload()).orderId()));
    }

    @Test
    void aDuplicateAloneWhoseHandlerNoLongerAppliesGetsItsStoredReply() {
        UUID orderId = UUID.randomUUID();
        dispatcher.dispatch(List.of(reserve(orderId, "SKU-MUG")));
        IncomingMessage deduct = message(new DeductInventory(orderId));
        dispatcher.dispatch(List.of(deduct));
        UUID storedReplyId = orchestrator.awaitReplies(deduct.envelope().messageId(), 1).get(0).envelope()
                .messageId();
        dispatcher.dispatch(List.of(message(new RestockOrder(orderId))));

        dispatcher.dispatch(List.of(deduct));

        assertThat(orchestrator.awaitReplies(deduct.envelope().messageId(), 2))
                .extracting(reply -> reply.envelope().messageId()).containsOnly(storedReplyId);
        assertThat(jdbc.queryForList("SELECT status FROM reservation WHERE order_id = ?", String.class, orderId))
                .containsExactly("RESTOCKED");
    }

    @Test
    void aDuplicateInABatchGetsItsStoredReplyAndTheOthersAreHandledOnce() {
        IncomingMessage handledBefore = reserve(UUID.randomUUID(), "SKU-BOOK");
        dispatcher.dispatch(List.of(handledBefore));
        UUID storedReplyId = orchestrator.awaitReplies(handledBefore.envelope().messageId(), 1).get(0).envelope()
                .messageId();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        IncomingMessage reserveFirst = reserve(first, "SKU-BOOK");
        IncomingMessage reserveSecond = reserve(second, "SKU-MUG");
        int bookOnHand = onHand("SKU-BOOK");
        jdbc.update("TRUNCATE inbox_statement");

        dispatcher.dispatch(List.of(handledBefore, reserveFirst, reserveSecond, reserveFirst));

        assertThat(inboxStatements()).containsExactly("INSERT", "UPDATE");
        List<IncomingMessage> resent = orchestrator.awaitReplies(handledBefore.envelope().messageId(), 2);
        assertThat(resent).extracting(reply -> reply.envelope().messageId()).containsOnly(storedReplyId);
        List<IncomingMessage> firstReplies = orchestrator.awaitReplies(reserveFirst.envelope().messageId(), 2);
        assertThat(firstReplies).extracting(IncomingMessage::payload).containsOnly(new StockReserved(first));
        assertThat(firstReplies.get(1).envelope().messageId()).isEqualTo(firstReplies.get(0).envelope().messageId());
        assertThat(orchestrator.awaitReplies(reserveSecond.envelope().messageId(), 1).get(0).payload())
                .isEqualTo(new StockReserved(second));
        assertThat(onHand("SKU-BOOK")).isEqualTo(bookOnHand - 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservation WHERE order_id = ANY(?)", Integer.class,
                (Object) new UUID[] {first, second})).isEqualTo(2);
    }

    @Test
    void aHandlerFailingRollsItsWholeBatchBack() {
        UUID reserved = UUID.randomUUID();
        IncomingMessage reserve = reserve(reserved, "SKU-BOOK");
        IncomingMessage deductNeverReserved = message(new DeductInventory(UUID.randomUUID()));
        int bookOnHand = onHand("SKU-BOOK");

        assertThatThrownBy(() -> dispatcher.dispatch(List.of(reserve, deductNeverReserved)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no stock to deduct");

        assertThat(onHand("SKU-BOOK")).isEqualTo(bookOnHand);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservation WHERE order_id = ?", Integer.class,
                reserved)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ANY(?)", Integer.class,
                (Object) new UUID[] {reserve.envelope().messageId(), deductNeverReserved.envelope().messageId()}))
                .isZero();
    }

    @Test
    void batchesLockingStockInOppositeOrdersWaitForEachOtherInsteadOfDeadlocking() throws Exception {
        List<Throwable> failures = runOpposedBatches(warehouse::locksForReserve);

        assertThat(failures).isEmpty();
    }

    @Test
    void aDeadlockTheDeclaredLocksDoNotPreventLeavesTheBatchWithSqlState40P01() throws Exception {
        List<Throwable> failures = runOpposedBatches(command -> List.of());

        assertThat(failures).singleElement().satisfies(failure -> assertThat(sqlStateOf(failure)).isEqualTo("40P01"));
    }

    /**
     * Two batches of two reservations, one locking SKU-BOOK then SKU-MUG, the other SKU-MUG then SKU-BOOK, from two
     * threads. The first reservation of each batch waits until the other batch ran its first reservation too, or
     * until a session waits for a lock (the other batch, blocked by the up-front locks): so without them, each batch
     * holds one stock row the other needs. Returns what the batches threw.
     */
    private List<Throwable> runOpposedBatches(Function<ReserveStock, Collection<LockKey>> declaredLocks)
            throws InterruptedException {
        UUID bookThenMug = UUID.randomUUID();
        UUID mugThenBook = UUID.randomUUID();
        Set<UUID> gated = Set.of(bookThenMug, mugThenBook);
        CountDownLatch firstReservations = new CountDownLatch(2);
        Participant gatedInventory = Participant.named("inventory")
                .handles(ReserveStock.class, command -> {
                    ReserveStock.Reply reply = warehouse.reserve(command);
                    if (gated.contains(command.orderId())) {
                        firstReservations.countDown();
                        Awaitility.await().atMost(Duration.ofSeconds(20))
                                .until(() -> firstReservations.getCount() == 0 || sessionsWaitingForALock() > 0);
                    }
                    return reply;
                }, declaredLocks::apply)
                .build();
        MessageDispatcher gatedDispatcher = new MessageDispatcher(gatedInventory, inbox, outbox, locks, transaction,
                MessageTracing.none());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<?> one = CompletableFuture.runAsync(() -> gatedDispatcher.dispatch(List.of(
                reserve(bookThenMug, "SKU-BOOK"), reserve(UUID.randomUUID(), "SKU-MUG"))));
        CompletableFuture<?> other = CompletableFuture.runAsync(() -> gatedDispatcher.dispatch(List.of(
                reserve(mugThenBook, "SKU-MUG"), reserve(UUID.randomUUID(), "SKU-BOOK"))));
        for (CompletableFuture<?> batch : List.of(one, other)) {
            try {
                batch.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("A batch neither finished nor failed", e);
            }
        }
        return failures;
    }

    private int sessionsWaitingForALock() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock'""", Integer.class);
    }

    private static String sqlStateOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private List<String> inboxStatements() {
        return jdbc.queryForList("SELECT op FROM inbox_statement ORDER BY op", String.class);
    }

    private int onHand(String sku) {
        return jdbc.queryForObject("SELECT on_hand FROM stock WHERE sku = ?", Integer.class, sku);
    }

    private static IncomingMessage reserve(UUID orderId, String sku) {
        return message(new ReserveStock(orderId, List.of(new OrderLine(sku, 1))));
    }

    private static IncomingMessage message(Object command) {
        String step = MessageTypes.kebab(command.getClass());
        Envelope envelope = Envelope.command(UUID.randomUUID(), MessageTypes.nameOf(command.getClass()),
                UUID.randomUUID(), SAGA_TYPE, step, 1, SAGA_TYPE + ".inventory");
        return new IncomingMessage(envelope, command, Topology.COMMANDS, "inventory." + step,
                new MessageOrigin("orchestrator", "inventory." + step));
    }
}
