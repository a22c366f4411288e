package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.Deadline;
import java.time.Duration;

/**
 * How the deadlines a definition declares run here: {@code timeoutOverride} and {@code attemptsOverride} (null
 * for none) replace every definition's values, for staging and failure drills, and each attempt waits longer up
 * to {@code maxBackoffFactor} times the timeout. Applied once per step, when its definition loads.
 */
public record DeadlinePolicy(Duration timeoutOverride, Integer attemptsOverride, int maxBackoffFactor) {

    StepDeadline resolve(Deadline declared) {
        return new StepDeadline(timeoutOverride != null ? timeoutOverride : declared.timeout(),
                attemptsOverride != null ? attemptsOverride : declared.attempts(), maxBackoffFactor);
    }
}
