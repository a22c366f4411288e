package dev.saga.orchestrator.engine.plan;

/**
 * What a saga does when a state's last attempt went unanswered: a step before the pivot is compensated (its own
 * command first, as it may have taken effect), a step at or after the pivot waits as {@code STUCK} for an
 * operator, and a compensation fails the saga. A step waiting for a decision takes the outcome its definition
 * declares for an expired wait: it failed ({@code DECIDE_FAILED}, compensated from there) or it succeeded
 * ({@code DECIDE_SUCCEEDED}). Only a state that compensates can be aborted by an operator.
 */
public enum WhenUnanswered {
    COMPENSATE, STUCK, FAIL, DECIDE_FAILED, DECIDE_SUCCEEDED
}
