package dev.saga.orchestrator.engine.plan;

/**
 * What moves a saga's state machine: its start, the outcome of the current step's reply, or the step's
 * last deadline passing without a reply.
 */
public enum SagaEvent {
    START, SUCCEEDED, FAILED, TIMED_OUT
}
