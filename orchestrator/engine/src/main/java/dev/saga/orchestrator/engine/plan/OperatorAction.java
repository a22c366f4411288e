package dev.saga.orchestrator.engine.plan;

import java.util.Arrays;
import java.util.List;

/**
 * What an operator may do to a saga, decided here alone: the admin API refuses what this does not allow, and the
 * saga's view lists what it allows, so the console offers only actions that can succeed. An ended saga allows
 * none.
 */
public enum OperatorAction {

    /** Resend the current command: a saga that waits on one, or a {@code STUCK} one for one more attempt. */
    RETRY,
    /** Abort: only going forward, where a step that never answers would be compensated (before the pivot). */
    COMPENSATE,
    /** Take a {@code STUCK} saga up again with a fresh round of attempts. */
    RESUME;

    /** Whether a saga with this status, standing in {@code at}, allows this action. */
    public boolean allowedFor(SagaStatus status, PlannedState<?> at) {
        return switch (this) {
            case RETRY -> at.hasStep() && (status == SagaStatus.RUNNING || status == SagaStatus.COMPENSATING
                    || status == SagaStatus.STUCK);
            case COMPENSATE -> status == SagaStatus.RUNNING && at.whenUnanswered() == WhenUnanswered.COMPENSATE;
            case RESUME -> status == SagaStatus.STUCK;
        };
    }

    /** Every action a saga with this status, standing in {@code at}, allows, in declaration order. */
    public static List<OperatorAction> allowedAt(SagaStatus status, PlannedState<?> at) {
        return Arrays.stream(values()).filter(action -> action.allowedFor(status, at)).toList();
    }
}
