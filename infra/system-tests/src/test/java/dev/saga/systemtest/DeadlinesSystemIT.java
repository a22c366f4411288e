package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing waits forever: participants that stop answering, and a compensation that can never succeed.
 * Deadlines are shortened to 1 s (then 2 s, 4 s) with 3 attempts, retry tiers to fractions of a second.
 */
class DeadlinesSystemIT {

    @RegisterExtension
    static final SystemUnderTest SUT = new SystemUnderTest(() -> RunningSystem.start(
            "--saga.deadlines.timeout-override=1s", "--saga.deadlines.attempts-override=3",
            "--saga.deadlines.scan-interval=200ms", "--saga.retry.delays=200ms,400ms"));

    @Test
    void resendsTheSameCommandThenCompensatesWhenPaymentNeverAnswersBeforeThePivot() {
        SUT.system().pauseConsumer("payment");
        UUID order = SUT.shop().placeOrder("alice", "SKU-BOOK", 1);

        SUT.shop().awaitSaga(order, "COMPENSATING", Duration.ofSeconds(20));
        assertThat(SUT.shop().scalar("SELECT machine_state FROM orchestrator.saga WHERE business_key = ?",
                order.toString())).isEqualTo("compensate-authorize-payment");
        assertThat(SUT.shop().timeline(order, "COMMAND_SENT")).containsExactly("inventory.ReserveStock",
                "payment.AuthorizePayment", "payment.AuthorizePayment", "payment.AuthorizePayment");
        assertThat(SUT.shop().scalar("""
                SELECT count(DISTINCT t.message_id)::text FROM orchestrator.saga_timeline t
                JOIN orchestrator.saga s ON s.id = t.saga_id
                WHERE s.business_key = ? AND t.message_type = 'payment.AuthorizePayment'""", order.toString()))
                .as("every attempt carries the same message id").isEqualTo("1");
        assertThat(SUT.shop().timelineKinds(order)).filteredOn("DEADLINE_FIRED"::equals).hasSize(3);

        SUT.system().resumeConsumer("payment");

        SUT.shop().awaitSaga(order, "COMPENSATED");
        assertThat(SUT.shop().timeline(order, "COMPENSATION_SENT")).containsExactly("payment.VoidPayment",
                "inventory.ReleaseStock", "order.RejectOrder");
        assertThat(SUT.shop().scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .as("the late authorization was voided").isEqualTo("VOIDED");
        assertThat(SUT.shop().scalar("SELECT rejection_reason FROM orders.orders WHERE id = ?", order))
                .contains("no reply to authorize-payment");
    }

    @Test
    void isStuckWhenShippingNeverAnswersAfterThePivotAndCompletesWhenItDoes() {
        SUT.system().pauseConsumer("shipping");
        UUID order = SUT.shop().placeOrder("carol", "SKU-MUG", 1);

        SUT.shop().awaitSaga(order, "STUCK", Duration.ofSeconds(20));
        assertThat(SUT.shop().timelineKinds(order)).contains("SAGA_STUCK");
        assertThat(SUT.shop().timeline(order, "COMMAND_SENT")).filteredOn("shipping.ScheduleShipment"::equals)
                .hasSize(3);
        assertThat(SUT.shop().scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .as("past the pivot nothing is undone").isEqualTo("CAPTURED");

        SUT.system().resumeConsumer("shipping");

        SUT.shop().awaitSaga(order, "COMPLETED");
        assertThat(SUT.shop().scalar("SELECT count(*)::text FROM shipping.shipment WHERE order_id = ?", order))
                .as("three deliveries of one command, one shipment").isEqualTo("1");
        assertThat(SUT.shop().orderStatus(order)).isEqualTo("APPROVED");
    }

    @Test
    void endsFailedWithTheReasonWhenACompensationKeepsFailing() {
        SUT.system().database().execute("""
                CREATE FUNCTION inventory.refuse_release() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'warehouse system refuses releases'; END $$;
                CREATE TRIGGER refuse_release BEFORE UPDATE ON inventory.reservation
                FOR EACH ROW WHEN (NEW.status = 'RELEASED') EXECUTE FUNCTION inventory.refuse_release();""");
        try {
            UUID order = SUT.shop().placeOrder("bob", "SKU-BOOK", 1);
            SUT.invariants().expectUnfinished(order);
            SUT.invariants().expectParked("inventory.commands.dlq");

            SUT.shop().awaitSaga(order, "FAILED", Duration.ofSeconds(30));
            assertThat(SUT.shop().scalar("SELECT failure_reason FROM orchestrator.saga WHERE business_key = ?",
                    order.toString())).contains("no reply to compensate-reserve-stock after 3 attempt(s)");
            assertThat(SUT.shop().timeline(order, "COMPENSATION_SENT")).containsOnly("inventory.ReleaseStock")
                    .hasSize(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SUT.shop().scalar(
                    "SELECT outcome FROM notification.notification WHERE business_key = ?", order.toString()))
                    .isEqualToIgnoringCase("FAILED"));
        } finally {
            SUT.system().database().execute("DROP TRIGGER refuse_release ON inventory.reservation;"
                    + " DROP FUNCTION inventory.refuse_release();");
        }
    }
}
