package dev.saga.participant.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.payment.CapturePayment;
import dev.saga.contract.payment.PaymentAuthorized;
import dev.saga.contract.payment.PaymentCaptured;
import dev.saga.contract.payment.PaymentDeclined;
import dev.saga.contract.payment.PaymentVoided;
import dev.saga.contract.payment.VoidPayment;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.OrchestratorStandIn;
import dev.saga.messaging.testing.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The payment service on real PostgreSQL and RabbitMQ, driven by commands on the broker as a saga sends them. */
@Import(OrchestratorStandIn.ReplyQueue.class)
@SpringBootTest(properties = {"spring.config.name=payment", "saga.retry.delays=200ms,400ms"},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PaymentServiceIT {

    /** The seeded balances; each balance must stay its seed plus the account's ledger entries. */
    private static final Map<String, Long> SEEDED_BALANCES = Map.of("alice", 100_000_000L, "carol", 50_000_000L,
            "bob", 2_000L, "dave", 0L);

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
    void standInForTheOrchestrator() {
        orchestrator = new OrchestratorStandIn(rabbit, codec, "payment");
    }

    @AfterEach
    void moneyIsConserved() {
        assertThat(accounts()).allSatisfy((id, account) -> {
            assertThat(account.balanceCents()).as("balance of " + id)
                    .isEqualTo(SEEDED_BALANCES.get(id) + ledgerTotal(id));
            assertThat(account.heldCents()).as("held on " + id).isEqualTo(openHoldsTotal(id));
        });
    }

    @Test
    void holdsTheAmountOfAnAuthorizedOrder() {
        UUID orderId = UUID.randomUUID();
        Account before = accounts().get("alice");

        Object reply = orchestrator.call(new AuthorizePayment(orderId, "alice", 2500));

        UUID authorizationId = ((PaymentAuthorized) reply).authorizationId();
        assertThat(reply).isEqualTo(new PaymentAuthorized(orderId, authorizationId));
        assertThat(accounts().get("alice")).isEqualTo(before.hold(2500));
        assertThat(hold(orderId)).isEqualTo(authorizationId + " alice 2500 AUTHORIZED");
    }

    @Test
    void declinesAnAuthorizationThatArrivesAfterItsOrderWasVoided() {
        UUID orderId = UUID.randomUUID();
        Map<String, Account> before = accounts();

        assertThat(orchestrator.call(new VoidPayment(orderId))).isEqualTo(new PaymentVoided(orderId));
        Object late = orchestrator.call(new AuthorizePayment(orderId, "alice", 2500));

        assertThat(late).isInstanceOf(PaymentDeclined.class);
        assertThat(((PaymentDeclined) late).reason()).contains("cancelled before its payment was authorized");
        assertThat(accounts()).isEqualTo(before);
        assertThat(hold(orderId)).isNull();
    }

    @Test
    void declinesAnAmountBeyondWhatTheAccountCanSpend() {
        UUID orderId = UUID.randomUUID();
        Map<String, Account> before = accounts();

        Object reply = orchestrator.call(new AuthorizePayment(orderId, "bob", 2500));

        assertThat(reply).isEqualTo(new PaymentDeclined(orderId, "bob: 2500 requested, 2000 available"));
        assertThat(accounts()).isEqualTo(before);
        assertThat(hold(orderId)).isNull();
    }

    @Test
    void declinesAnUnknownAccount() {
        UUID orderId = UUID.randomUUID();
        Map<String, Account> before = accounts();

        Object reply = orchestrator.call(new AuthorizePayment(orderId, "mallory", 100));

        assertThat(reply).isEqualTo(new PaymentDeclined(orderId, "unknown account mallory"));
        assertThat(accounts()).isEqualTo(before);
        assertThat(hold(orderId)).isNull();
    }

    @Test
    void voidsTheHoldAsCompensationAndAgainWithoutEffect() {
        UUID orderId = UUID.randomUUID();
        Account before = accounts().get("alice");
        orchestrator.call(new AuthorizePayment(orderId, "alice", 1200));

        assertThat(orchestrator.call(new VoidPayment(orderId))).isEqualTo(new PaymentVoided(orderId));
        assertThat(accounts().get("alice")).isEqualTo(before);
        assertThat(hold(orderId)).endsWith("alice 1200 VOIDED");

        assertThat(orchestrator.call(new VoidPayment(orderId))).isEqualTo(new PaymentVoided(orderId));
        assertThat(accounts().get("alice")).isEqualTo(before);
    }

    @Test
    void voidingAnOrderWithoutAHoldStillReplies() {
        UUID orderId = UUID.randomUUID();
        Map<String, Account> before = accounts();

        assertThat(orchestrator.call(new VoidPayment(orderId))).isEqualTo(new PaymentVoided(orderId));
        assertThat(accounts()).isEqualTo(before);
    }

    @Test
    void capturesTheHeldAmountOnceEvenWhenAskedTwice() {
        UUID orderId = UUID.randomUUID();
        Account before = accounts().get("alice");
        orchestrator.call(new AuthorizePayment(orderId, "alice", 3700));

        assertThat(orchestrator.call(new CapturePayment(orderId))).isEqualTo(new PaymentCaptured(orderId));
        assertThat(orchestrator.call(new CapturePayment(orderId))).isEqualTo(new PaymentCaptured(orderId));

        assertThat(accounts().get("alice")).isEqualTo(before.debit(3700));
        assertThat(hold(orderId)).endsWith("alice 3700 CAPTURED");
        assertThat(jdbc.queryForList("SELECT amount_cents || ' ' || kind FROM ledger_entry WHERE order_id = ?",
                String.class, orderId)).containsExactly("-3700 CAPTURE");
    }

    @Test
    void capturesIntoTheCreditLine() {
        UUID orderId = UUID.randomUUID();
        Account before = accounts().get("carol");

        orchestrator.call(new AuthorizePayment(orderId, "carol", 55_000_000));
        assertThat(orchestrator.call(new CapturePayment(orderId))).isEqualTo(new PaymentCaptured(orderId));

        assertThat(accounts().get("carol")).isEqualTo(before.debit(55_000_000));
        assertThat(accounts().get("carol").balanceCents()).isNegative();
    }

    @Test
    void aDuplicateDeliveryGetsTheSameReplyAndHoldsOnce() {
        UUID orderId = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        Account before = accounts().get("alice");
        AuthorizePayment command = new AuthorizePayment(orderId, "alice", 4500);

        orchestrator.send(messageId, command);
        orchestrator.awaitReplies(messageId, 1);
        orchestrator.send(messageId, command);
        List<IncomingMessage> replies = orchestrator.awaitReplies(messageId, 2);

        assertThat(replies.get(1).payload()).isEqualTo(replies.get(0).payload()).isInstanceOf(PaymentAuthorized.class);
        assertThat(replies.get(1).envelope().messageId()).isEqualTo(replies.get(0).envelope().messageId());
        assertThat(accounts().get("alice")).isEqualTo(before.hold(4500));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM authorization_hold WHERE order_id = ?", Integer.class,
                orderId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class, messageId))
                .isEqualTo(1);
    }

    @Test
    void aResentAuthorizationWithANewMessageIdAnswersWithTheFirstHold() {
        UUID orderId = UUID.randomUUID();
        Account before = accounts().get("alice");
        AuthorizePayment command = new AuthorizePayment(orderId, "alice", 900);

        Object first = orchestrator.call(command);
        Object second = orchestrator.call(command);

        assertThat(second).isEqualTo(first);
        assertThat(accounts().get("alice")).isEqualTo(before.hold(900));
    }

    @Test
    void aCaptureWithoutAnAuthorizationIsRetriedThenParkedWithoutEffect() {
        UUID orderId = UUID.randomUUID();
        Map<String, Account> before = accounts();

        UUID commandId = orchestrator.send(new CapturePayment(orderId));

        Message parked = Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> rabbit.receive(Topology.parkingQueue(Topology.commandQueue("payment"))),
                        message -> message != null);
        assertThat(parked.getMessageProperties().getMessageId()).isEqualTo(commandId.toString());
        assertThat(orchestrator.repliesTo(commandId)).isEmpty();
        assertThat(accounts()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_entry WHERE order_id = ?", Integer.class,
                orderId)).isZero();
    }

    @Test
    void conservesMoneyAcrossAuthorizationsVoidsAndCaptures() {
        UUID captured = UUID.randomUUID();
        UUID voided = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        orchestrator.call(new AuthorizePayment(captured, "carol", 2500));
        orchestrator.call(new AuthorizePayment(voided, "carol", 1200));
        orchestrator.call(new AuthorizePayment(open, "carol", 3000));
        orchestrator.call(new AuthorizePayment(UUID.randomUUID(), "dave", 1));
        orchestrator.call(new CapturePayment(captured));
        orchestrator.call(new VoidPayment(voided));

        Account carol = accounts().get("carol");
        assertThat(carol.balanceCents()).isEqualTo(SEEDED_BALANCES.get("carol") + ledgerTotal("carol"));
        assertThat(carol.heldCents()).isEqualTo(openHoldsTotal("carol")).isGreaterThanOrEqualTo(3000);
        assertThat(accounts().get("dave")).isEqualTo(new Account(0, 0, 0));
    }

    private Map<String, Account> accounts() {
        return jdbc.query("SELECT id, balance_cents, credit_limit_cents, held_cents FROM account", (rs, i) ->
                Map.entry(rs.getString("id"), new Account(rs.getLong("balance_cents"),
                        rs.getLong("credit_limit_cents"), rs.getLong("held_cents"))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The order's hold as "id account amount STATUS", or null when there is none. */
    private String hold(UUID orderId) {
        return jdbc.queryForList("""
                SELECT id || ' ' || account_id || ' ' || amount_cents || ' ' || status
                FROM authorization_hold WHERE order_id = ?""", String.class, orderId)
                .stream().findFirst().orElse(null);
    }

    private long ledgerTotal(String accountId) {
        return jdbc.queryForObject("SELECT coalesce(sum(amount_cents), 0) FROM ledger_entry WHERE account_id = ?",
                Long.class, accountId);
    }

    private long openHoldsTotal(String accountId) {
        return jdbc.queryForObject("""
                SELECT coalesce(sum(amount_cents), 0) FROM authorization_hold
                WHERE account_id = ? AND status = 'AUTHORIZED'""", Long.class, accountId);
    }

    /** An account's money as the tests compare it. */
    private record Account(long balanceCents, long creditLimitCents, long heldCents) {
        Account hold(long amount) {
            return new Account(balanceCents, creditLimitCents, heldCents + amount);
        }

        Account debit(long amount) {
            return new Account(balanceCents - amount, creditLimitCents, heldCents);
        }
    }
}
