package dev.saga.orchestrator.engine;

/** What moves a saga's state machine: its start, and the outcome of the current step's reply. */
public enum SagaEvent {
    START, SUCCEEDED, FAILED
}
