package dev.saga.participant.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.saga.SagaFinished;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationTextTest {

    @Test
    void tellsTheCustomerTheOrderCompleted() {
        assertThat(NotificationText.of(finished("COMPLETED", null))).isEqualTo("Order o-1 completed");
    }

    @Test
    void tellsTheCustomerWhyTheOrderWasCancelled() {
        assertThat(NotificationText.of(finished("compensated", "payment declined")))
                .isEqualTo("Order o-1 was cancelled: payment declined");
    }

    @Test
    void leavesOutAMissingReason() {
        assertThat(NotificationText.of(finished("compensated", " "))).isEqualTo("Order o-1 was cancelled");
    }

    @Test
    void namesAnyOtherOutcome() {
        assertThat(NotificationText.of(finished("FAILED", "void payment keeps failing")))
                .isEqualTo("Order o-1 ended failed: void payment keeps failing");
    }

    @Test
    void tellsTheCustomerACancellationWentThroughOrWhyNot() {
        assertThat(NotificationText.of(cancellation("completed", null)))
                .isEqualTo("Order o-1 was cancelled and refunded");
        assertThat(NotificationText.of(cancellation("compensated", "the parcel has left")))
                .isEqualTo("Order o-1 could not be cancelled: the parcel has left");
    }

    private static SagaFinished finished(String outcome, String reason) {
        return new SagaFinished(UUID.randomUUID(), "order-fulfilment", "o-1", outcome, reason);
    }

    private static SagaFinished cancellation(String outcome, String reason) {
        return new SagaFinished(UUID.randomUUID(), "order-cancellation", "o-1", outcome, reason);
    }
}
