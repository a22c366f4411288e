package dev.saga.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The second saga the orchestrator runs: cancelling an approved order. The same orchestrator and participants
 * cancel the shipment, refund the payment, put the stock back and cancel the order; a parcel that already left
 * refuses the cancellation, and the order is restored.
 */
class OrderCancellationSystemIT {

    @RegisterExtension
    static final SystemUnderTest SUT = new SystemUnderTest(RunningSystem::start);

    @Test
    void cancellingAnApprovedOrderRefundsItRestocksItAndCancelsIt() {
        UUID order = approvedOrder("alice", "SKU-BOOK", 2);
        long onHandBefore = onHand("SKU-BOOK");

        HttpResponse<String> accepted = SUT.shop().cancelOrder(order, "changed my mind");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"status\":\"CANCELLING\"");
        SUT.shop().awaitCancellation(order, "COMPLETED");
        assertThat(SUT.shop().orderStatus(order)).isEqualTo("CANCELLED");
        assertThat(SUT.shop().timeline(Shop.CANCELLATION, order, "COMMAND_SENT")).containsExactly(
                "shipping.CancelShipment", "payment.RefundPayment", "inventory.RestockOrder",
                "order.ConfirmCancellation");
        assertThat(SUT.shop().scalar("SELECT status FROM shipping.shipment WHERE order_id = ?", order))
                .isEqualTo("CANCELLED");
        assertThat(SUT.shop().scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .isEqualTo("REFUNDED");
        assertThat(onHand("SKU-BOOK")).as("the two books are back on hand").isEqualTo(onHandBefore + 2);
    }

    @Test
    void aParcelThatLeftRefusesTheCancellationAndTheOrderStaysApproved() {
        UUID order = approvedOrder("carol", "SKU-MUG", 1);

        assertThat(SUT.shop().cancelOrder(order, "too slow").statusCode()).isEqualTo(202);

        SUT.shop().awaitCancellation(order, "COMPENSATED");
        assertThat(SUT.shop().orderStatus(order)).isEqualTo("APPROVED");
        assertThat(SUT.shop().timeline(Shop.CANCELLATION, order, "COMPENSATION_SENT"))
                .containsExactly("order.RestoreOrder");
        assertThat(SUT.shop().scalar("SELECT cancellation_note FROM orders.orders WHERE id = ?", order))
                .contains("cancellation refused").contains("has left the warehouse");
        assertThat(SUT.shop().scalar("SELECT status FROM payment.authorization_hold WHERE order_id = ?", order))
                .as("still paid").isEqualTo("CAPTURED");
    }

    @Test
    void onlyAnApprovedOrderCanBeCancelledAndOnlyOnce() {
        UUID rejected = SUT.shop().placeOrder("bob", "SKU-BOOK", 1);
        SUT.shop().awaitSaga(rejected, "COMPENSATED");
        HttpResponse<String> refused = SUT.shop().cancelOrder(rejected, "never mind");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("REJECTED").contains("only an APPROVED order can be cancelled");

        UUID approved = approvedOrder("alice", "SKU-BOOK", 1);
        assertThat(SUT.shop().cancelOrder(approved, "first").statusCode()).isEqualTo(202);
        assertThat(SUT.shop().cancelOrder(approved, "second").statusCode()).as("already being cancelled")
                .isEqualTo(409);
        SUT.shop().awaitCancellation(approved, "COMPLETED");
        assertThat(SUT.shop().sagaStatus(Shop.CANCELLATION, rejected)).as("no saga for a refused request")
                .isEqualTo("NONE");
        assertThat(SUT.shop().cancelOrder(UUID.randomUUID(), "who?").statusCode()).isEqualTo(404);
    }

    private static UUID approvedOrder(String customer, String sku, int quantity) {
        UUID order = SUT.shop().placeOrder(customer, sku, quantity);
        SUT.shop().awaitSaga(order, "COMPLETED");
        assertThat(SUT.shop().orderStatus(order)).isEqualTo("APPROVED");
        return order;
    }

    private static long onHand(String sku) {
        return Long.parseLong(SUT.shop().scalar("SELECT on_hand::text FROM inventory.stock WHERE sku = ?", sku));
    }
}
