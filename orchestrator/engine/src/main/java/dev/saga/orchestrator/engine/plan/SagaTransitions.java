package dev.saga.orchestrator.engine.plan;

/**
 * The transition function of one saga definition's state machine. The engine only sees this interface, so
 * the state machine library stays in {@code engine.machine} and could be replaced there.
 */
public interface SagaTransitions {

    /** The state after {@code event} in {@code state}; throws if the machine does not accept the event there. */
    String next(String state, SagaEvent event);

    /** Every state and transition, as a Mermaid state diagram. */
    String diagram();
}
