package dev.saga.participant.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.saga.messaging.Envelope;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class FaultInjectionTest {

    @Test
    void isInertUnlessConfigured() {
        assertThat(FaultInjection.from(new MockEnvironment())).isSameAs(FaultInjection.NONE);
    }

    @Test
    void failsAMessageAtMostMaxFailuresTimesSoItIsNeverParkedForIt() {
        FaultInjection faults = FaultInjection.from(new MockEnvironment()
                .withProperty("saga.faults.failure-share", "1").withProperty("saga.faults.max-failures", "2"));
        Envelope message = Envelope.event("inventory.ReserveStock");
        int failures = 0;
        for (int delivery = 0; delivery < 5; delivery++) {
            try {
                faults.beforeHandling(message);
            } catch (FaultInjection.InjectedFault e) {
                failures++;
            }
        }
        assertThat(failures).isEqualTo(2);
    }

    @Test
    void failsRoughlyTheConfiguredShareOfFirstDeliveries() {
        FaultInjection faults = new FaultInjection(Duration.ZERO, 0.3, 7, 2, null);
        int failed = 0;
        for (int i = 0; i < 2000; i++) {
            try {
                faults.beforeHandling(Envelope.event("payment.AuthorizePayment"));
            } catch (FaultInjection.InjectedFault e) {
                failed++;
            }
        }
        assertThat(failed).isBetween(500, 700);
    }

    @Test
    void delaysEachMessage() {
        FaultInjection faults = new FaultInjection(Duration.ofMillis(200), 0, 0, 2, null);
        long began = System.nanoTime();
        assertThatCode(() -> faults.beforeHandling(Envelope.event("shipping.ScheduleShipment")))
                .doesNotThrowAnyException();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
