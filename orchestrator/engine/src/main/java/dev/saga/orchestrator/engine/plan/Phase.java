package dev.saga.orchestrator.engine.plan;

/**
 * Which way a saga is going in a state: forward through its steps, or back through their compensations. The end
 * states take the phase that reaches them ({@code COMPLETED} forward, {@code COMPENSATED} compensating).
 */
public enum Phase {
    FORWARD, COMPENSATING
}
