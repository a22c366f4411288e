package dev.saga.orchestrator.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A saga in a list: where it stands, without its data and timeline. {@code state} is the machine state as
 * stored, {@code positions} the planned states it stands in (one for a straight line of steps), {@code step} the
 * step of its position (null before the first and once the saga ended), {@code compensating} whether that step is
 * being undone. {@code deadlineAt} is when the current step's reply is due (or its delay is over, at attempt 0),
 * {@code branches} where it stands in a parallel group (each branch's status, attempt and due time; null outside
 * one), {@code finishBy} when the saga's own deadline expires (null without one, or once it no longer applies).
 */
public record SagaSummary(UUID id, String type, int definitionVersion, String businessKey, SagaStatus status,
                          String state, String step, boolean compensating, List<StateView> positions, int attempt,
                          @JsonRawValue String branches, Instant deadlineAt, Instant finishBy, String failureReason,
                          Instant createdAt, Instant updatedAt) {

    static SagaSummary of(SagaInstance saga, List<PlannedState<?>> positions) {
        PlannedState<?> at = positions.stream().filter(PlannedState::hasStep).findFirst().orElse(null);
        return new SagaSummary(saga.id(), saga.type(), saga.definitionVersion(), saga.businessKey(), saga.status(),
                saga.machineState(), at == null ? null : at.step().name(),
                at != null && at.phase() == Phase.COMPENSATING, positions.stream().map(StateView::of).toList(),
                saga.attempt(), saga.branches(), saga.deadlineAt(), saga.finishBy(), saga.failureReason(),
                saga.createdAt(), saga.updatedAt());
    }
}
