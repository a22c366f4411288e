package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A saga's persisted row; {@code data} is the saga data as JSON, {@code stepReplies} the success replies its
 * compensations are built from ({@link SagaData}, null for none), {@code deadlineAt} when a reply is due (or, at
 * attempt 0, when a delayed step's delay is over), {@code finishBy} when the whole saga must have finished (null
 * for no limit, or once it no longer applies), {@code branches} where it stands in a parallel group ({@link Branches},
 * null outside one).
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
        @JsonRawValue String branches,
        String failureReason,
        Instant deadlineAt,
        Instant finishBy,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Entered a new state: first attempt of what it sends, with the status a saga shows there. */
    public SagaInstance movedTo(PlannedState<?> state, String newData, String newStepReplies, String newBranches,
                                String reason, Instant deadline) {
        return new SagaInstance(id, type, definitionVersion, businessKey, state.status(), state.name(),
                state.firstAttempt(), newData, newStepReplies, newBranches, reason, deadline,
                state.isEnd() || state.phase() == Phase.COMPENSATING ? null : finishBy,
                version, createdAt, updatedAt);
    }

    /** Sends the current state's message again. */
    public SagaInstance nextAttempt(Instant deadline) {
        return new SagaInstance(id, type, definitionVersion, businessKey, status, machineState, attempt + 1, data,
                stepReplies, branches, failureReason, deadline, finishBy, version, createdAt, updatedAt);
    }

    /** Sends the current state's message again as {@code newAttempt}, on an operator's word. */
    public SagaInstance resent(SagaStatus newStatus, int newAttempt, String reason, Instant deadline) {
        return new SagaInstance(id, type, definitionVersion, businessKey, newStatus, machineState, newAttempt, data,
                stepReplies, branches, reason, deadline, finishBy, version, createdAt, updatedAt);
    }

    /** Still in its parallel group, with the branches, data and kept replies after a branch moved. */
    public SagaInstance inGroup(String newBranches, String newData, String newStepReplies, String reason,
                                Instant deadline) {
        return new SagaInstance(id, type, definitionVersion, businessKey, status, machineState, attempt, newData,
                newStepReplies, newBranches, reason, deadline, finishBy, version, createdAt, updatedAt);
    }

    /** Where it stands, with other kept replies (a decision kept for a step it has not reached). */
    public SagaInstance withStepReplies(String newStepReplies) {
        return new SagaInstance(id, type, definitionVersion, businessKey, status, machineState, attempt, data,
                newStepReplies, branches, failureReason, deadlineAt, finishBy, version, createdAt, updatedAt);
    }

    /** The saga's own deadline no longer applies: it fired, or the saga is compensating. */
    public SagaInstance withoutFinishBy() {
        return new SagaInstance(id, type, definitionVersion, businessKey, status, machineState, attempt, data,
                stepReplies, branches, failureReason, deadlineAt, null, version, createdAt, updatedAt);
    }

    /** Stops waiting: STUCK for an operator, or FAILED for good. */
    public SagaInstance givenUp(SagaStatus newStatus, String reason) {
        return new SagaInstance(id, type, definitionVersion, businessKey, newStatus, machineState, attempt, data,
                stepReplies, branches, reason, null, null, version, createdAt, updatedAt);
    }
}
