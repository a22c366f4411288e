package dev.saga.orchestrator.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final SteppedClock clock = new SteppedClock();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(3, Duration.ofMinutes(1), 4),
            clock);
    private final LoginThrottle.Pair operatorHere = LoginThrottle.Pair.of("operator", "10.0.0.1");

    @Test
    void refusesAPairOnlyOnceItsWindowHoldsTheMaximumOfFailuresAndUntilTheWindowCloses() {
        throttle.failed(operatorHere);
        clock.advance(Duration.ofSeconds(20));
        throttle.failed(operatorHere);
        assertThat(throttle.refusal(operatorHere)).isEmpty();
        throttle.failed(operatorHere);

        LoginThrottle.Refusal refusal = throttle.refusal(operatorHere).orElseThrow();
        assertThat(refusal.until()).isEqualTo(clock.instant().plus(Duration.ofSeconds(40)));
        assertThat(refusal.retryAfterSeconds()).isEqualTo(40);

        clock.advance(Duration.ofSeconds(39).plusMillis(1));
        assertThat(throttle.refusal(operatorHere).orElseThrow().retryAfterSeconds()).as("rounded up").isEqualTo(1);
        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.refusal(operatorHere)).isEmpty();
        assertThat(throttle.tracked()).as("the closed window is forgotten").isZero();
    }

    @Test
    void aStrangerElsewhereDoesNotRefuseTheSameUserHere() {
        LoginThrottle.Pair operatorElsewhere = LoginThrottle.Pair.of("operator", "203.0.113.9");
        for (int i = 0; i < 5; i++) {
            throttle.failed(operatorElsewhere);
        }

        assertThat(throttle.refusal(operatorElsewhere)).isPresent();
        assertThat(throttle.refusal(operatorHere)).isEmpty();
        assertThat(throttle.refusal(LoginThrottle.Pair.of("viewer", "203.0.113.9"))).isEmpty();
    }

    @Test
    void aCorrectLoginClearsItsPair() {
        throttle.failed(operatorHere);
        throttle.failed(operatorHere);
        throttle.succeeded(operatorHere);
        throttle.failed(operatorHere);
        throttle.failed(operatorHere);

        assertThat(throttle.refusal(operatorHere)).isEmpty();
    }

    @Test
    void aFullTableForgetsTheOldestWindowFirst() {
        for (int i = 0; i < 3; i++) {
            throttle.failed(operatorHere);
        }
        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            throttle.failed(LoginThrottle.Pair.of("made-up-" + i, "198.51.100.7"));
        }

        assertThat(throttle.tracked()).isEqualTo(4);
        assertThat(throttle.refusal(operatorHere)).as("the oldest window was dropped").isEmpty();
    }

    @Test
    void countsAVeryLongNameByItsFirstCharacters() {
        String longName = "x".repeat(8_000);

        assertThat(LoginThrottle.Pair.of(longName, "10.0.0.1").username()).hasSize(LoginThrottle.NAME_KEPT);
        assertThat(LoginThrottle.Pair.of(null, null)).isEqualTo(new LoginThrottle.Pair("", "unknown"));
    }

    @Test
    void badSettingsNameTheirProperty() {
        assertThatThrownBy(() -> new LoginThrottleSettings(0, Duration.ofMinutes(1), 10))
                .hasMessageContaining("saga.admin.login-throttle.max-failures");
        assertThatThrownBy(() -> new LoginThrottleSettings(5, Duration.ZERO, 10))
                .hasMessageContaining("saga.admin.login-throttle.window");
        assertThatThrownBy(() -> new LoginThrottleSettings(5, Duration.ofMinutes(1), 0))
                .hasMessageContaining("saga.admin.login-throttle.max-tracked");
        assertThatThrownBy(() -> new CredentialCacheSettings(Duration.ofSeconds(-1)))
                .hasMessageContaining("saga.admin.credential-cache.ttl");
    }
}
