package dev.saga.orchestrator.deadlines;

import dev.saga.orchestrator.engine.plan.DeadlinePolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How deadlines are scanned and stretched ({@code saga.deadlines.*}). The timeout of attempt n is the step's
 * timeout times 2^(n-1), at most {@code maxBackoffFactor} times. {@code timeoutOverride} and
 * {@code attemptsOverride} replace every definition's values, for staging and failure drills. The definitions'
 * deadlines are resolved with these once, into their plans ({@link #policy()}).
 *
 * @param scanInterval How often the deadline scanner looks for due timers.
 * @param batchSize How many due timers one scan fires at most.
 * @param maxBackoffFactor The most an attempt's timeout is stretched, as a multiple of the step's timeout.
 * @param timeoutOverride Replaces every step's declared timeout (for staging and failure drills).
 * @param attemptsOverride Replaces every step's declared number of attempts (for staging and failure drills).
 */
@ConfigurationProperties("saga.deadlines")
public record DeadlineSettings(
        @DefaultValue("1s") Duration scanInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("8") int maxBackoffFactor,
        Duration timeoutOverride,
        Integer attemptsOverride) {

    /** How the declared deadlines run here. */
    public DeadlinePolicy policy() {
        return new DeadlinePolicy(timeoutOverride, attemptsOverride, maxBackoffFactor);
    }
}
