package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A saga's persisted row; {@code data} is the saga data as JSON, {@code stepReplies} the success replies its
 * compensations are built from ({@link SagaData}, null for none), {@code deadlineAt} when a reply is due.
 */
public record SagaInstance(
        UUID id,
        String type,
        int definitionVersion,
        String businessKey,
        SagaStatus status,
        String machineState,
        int attempt,
        @JsonRawValue String data,
        @JsonRawValue String stepReplies,
        String failureReason,
        Instant deadlineAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Entered a new state: first attempt of what it sends, with the status a saga shows there. */
    public SagaInstance movedTo(PlannedState<?> state, String newData, String newStepReplies, String reason,
                                Instant deadline) {
        return new SagaInstance(id, type, definitionVersion, businessKey, state.status(), state.name(), 1,
                newData, newStepReplies, reason, deadline, version, createdAt, updatedAt);
    }

    /** Sends the current state's message again. */
    public SagaInstance nextAttempt(Instant deadline) {
        return new SagaInstance(id, type, definitionVersion, businessKey, status, machineState, attempt + 1, data,
                stepReplies, failureReason, deadline, version, createdAt, updatedAt);
    }

    /** Sends the current state's message again as {@code newAttempt}, on an operator's word. */
    public SagaInstance resent(SagaStatus newStatus, int newAttempt, String reason, Instant deadline) {
        return new SagaInstance(id, type, definitionVersion, businessKey, newStatus, machineState, newAttempt, data,
                stepReplies, reason, deadline, version, createdAt, updatedAt);
    }

    /** Stops waiting: STUCK for an operator, or FAILED for good. */
    public SagaInstance givenUp(SagaStatus newStatus, String reason) {
        return new SagaInstance(id, type, definitionVersion, businessKey, newStatus, machineState, attempt, data,
                stepReplies, reason, null, version, createdAt, updatedAt);
    }
}
