package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaStates;
import dev.saga.orchestrator.engine.SagaStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A saga in a list: where it stands, without its data and timeline. {@code state} is the machine state,
 * {@code step} the step it belongs to (null once the saga ended), {@code compensating} whether that step is
 * being undone.
 */
public record SagaSummary(UUID id, String type, int definitionVersion, String businessKey, SagaStatus status,
                          String state, String step, boolean compensating, int attempt, Instant deadlineAt,
                          String failureReason, Instant createdAt, Instant updatedAt) {

    static SagaSummary of(SagaInstance saga) {
        String state = saga.machineState();
        boolean atStep = !SagaStates.isTerminal(state) && !SagaStates.NEW.equals(state);
        return new SagaSummary(saga.id(), saga.type(), saga.definitionVersion(), saga.businessKey(), saga.status(),
                state, atStep ? SagaStates.stepOf(state) : null, SagaStates.isCompensation(state), saga.attempt(),
                saga.deadlineAt(), saga.failureReason(), saga.createdAt(), saga.updatedAt());
    }
}
