package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Nothing waits forever: participants that stop answering, and a compensation that can never succeed.
 * Deadlines are shortened to 1 s (then 2 s, 4 s) with 3 attempts, retry tiers to fractions of a second.
 */
class DeadlinesSystemIT {

    private static RunningSystem system;
    private static Invariants invariants;
    private static Shop shop;

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.start("--saga.deadlines.timeout-override=1s", "--saga.deadlines.attempts-override=3",
                "--saga.deadlines.scan-interval=200ms", "--saga.retry.delays=200ms,400ms");
        invariants = Invariants.seededFrom(system.database());
        shop = new Shop(system);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @AfterEach
    void invariantsHold() {
        invariants.assertAllHold(new RabbitAdmin(system.rabbit()));
    }

    @Test
    void resendsTheSameCommandThenCompensatesWhenPaymentNeverAnswersBeforeThePivot() {
        system.pauseConsumer("payment");
        UUID order = shop.placeOrder("alice", "SKU-BOOK", 1);

        shop.awaitSaga(order, "COMPENSATING", Duration.ofSeconds(20));
        assertThat(shop.scalar("SELECT machine_state FROM orchestrator.saga WHERE business_key = ?",
                order.toString())).isEqualTo("compensate-authorize-payment");
        assertThat(shop.timeline(order, "COMMAND_SENT")).containsExactly("inventory.ReserveStock",
                "payment.AuthorizePayment", "payment.AuthorizePayment", "payment.AuthorizePayment");
        assertThat(shop.scalar("""
                SELECT count(DISTINCT t.message_id)::text FROM orchestrator.saga_timeline t
                JOIN orchestrator.saga s ON s.id = t.saga_id
                WHERE s.business_key = ? AND t.message_type = 'payment.AuthorizePayment'""", order.toString()))
                .as("every attempt carries the same message id").isEqualTo("1");
        assertThat(shop.timelineKinds(order)).filteredOn("DEADLINE_FIRED"::equals).hasSize(3);

        system.resumeConsumer("payment");

        shop.awaitSaga(order, "COMPENSATED");
        assertThat(shop.timeline(order, "COMPENSATION_SENT")).containsExactly("payment.VoidPayment",
                "inventory.ReleaseStock", "order.RejectOrder");
        assertThat(shop.scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .as("the late authorization was voided").isEqualTo("VOIDED");
        assertThat(shop.scalar("SELECT rejection_reason FROM orders.orders WHERE id = ?", order))
                .contains("no reply to authorize-payment");
    }

    @Test
    void isStuckWhenShippingNeverAnswersAfterThePivotAndCompletesWhenItDoes() {
        system.pauseConsumer("shipping");
        UUID order = shop.placeOrder("carol", "SKU-MUG", 1);

        shop.awaitSaga(order, "STUCK", Duration.ofSeconds(20));
        assertThat(shop.timelineKinds(order)).contains("SAGA_STUCK");
        assertThat(shop.timeline(order, "COMMAND_SENT")).filteredOn("shipping.ScheduleShipment"::equals).hasSize(3);
        assertThat(shop.scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .as("past the pivot nothing is undone").isEqualTo("CAPTURED");

        system.resumeConsumer("shipping");

        shop.awaitSaga(order, "COMPLETED");
        assertThat(shop.scalar("SELECT count(*)::text FROM shipping.shipment WHERE order_id = ?", order))
                .as("three deliveries of one command, one shipment").isEqualTo("1");
        assertThat(shop.orderStatus(order)).isEqualTo("APPROVED");
    }

    @Test
    void endsFailedWithTheReasonWhenACompensationKeepsFailing() {
        system.database().execute("""
                CREATE FUNCTION inventory.refuse_release() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'warehouse system refuses releases'; END $$;
                CREATE TRIGGER refuse_release BEFORE UPDATE ON inventory.reservation
                FOR EACH ROW WHEN (NEW.status = 'RELEASED') EXECUTE FUNCTION inventory.refuse_release();""");
        try {
            UUID order = shop.placeOrder("bob", "SKU-BOOK", 1);
            invariants.expectUnfinished(order);
            invariants.expectParked("inventory.commands.dlq");

            shop.awaitSaga(order, "FAILED", Duration.ofSeconds(30));
            assertThat(shop.scalar("SELECT failure_reason FROM orchestrator.saga WHERE business_key = ?",
                    order.toString())).contains("no reply to compensate-reserve-stock after 3 attempt(s)");
            assertThat(shop.timeline(order, "COMPENSATION_SENT")).containsOnly("inventory.ReleaseStock").hasSize(3);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(shop.scalar(
                    "SELECT outcome FROM notification.notification WHERE business_key = ?", order.toString()))
                    .isEqualToIgnoringCase("FAILED"));
        } finally {
            system.database().execute("DROP TRIGGER refuse_release ON inventory.reservation;"
                    + " DROP FUNCTION inventory.refuse_release();");
        }
    }
}
