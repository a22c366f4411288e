package dev.saga.orchestrator.engine.plan;

/** Where a saga stands, as operators see it. */
public enum SagaStatus {
    RUNNING, COMPENSATING, COMPLETED, COMPENSATED, STUCK, FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == COMPENSATED || this == FAILED;
    }
}
