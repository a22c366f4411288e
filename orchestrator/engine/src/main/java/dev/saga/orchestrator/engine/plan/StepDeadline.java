package dev.saga.orchestrator.engine.plan;

import java.time.Duration;

/**
 * How long a step's states wait for each reply and how often they send their message in all, as they run: the
 * declared deadline after the settings' overrides. Attempt n waits the timeout times 2^(n-1), at most
 * {@code maxBackoffFactor} times.
 */
public record StepDeadline(Duration timeout, int attempts, int maxBackoffFactor) {

    /** How long attempt {@code attempt} (1-based) waits for its reply. */
    public Duration timeoutOf(int attempt) {
        long factor = Math.min(1L << Math.min(attempt - 1, 30), maxBackoffFactor);
        return timeout.multipliedBy(factor);
    }

    /** Whether attempt {@code attempt} (1-based) may still be sent when the one before it went unanswered. */
    public boolean allowsAttempt(int attempt) {
        return attempt <= attempts;
    }
}
