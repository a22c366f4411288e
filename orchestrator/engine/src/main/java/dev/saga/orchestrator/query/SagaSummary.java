package dev.saga.orchestrator.query;

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
 * being undone.
 */
public record SagaSummary(UUID id, String type, int definitionVersion, String businessKey, SagaStatus status,
                          String state, String step, boolean compensating, List<StateView> positions, int attempt,
                          Instant deadlineAt, String failureReason, Instant createdAt, Instant updatedAt) {

    static SagaSummary of(SagaInstance saga, List<PlannedState<?>> positions) {
        PlannedState<?> at = positions.stream().filter(PlannedState::hasStep).findFirst().orElse(null);
        return new SagaSummary(saga.id(), saga.type(), saga.definitionVersion(), saga.businessKey(), saga.status(),
                saga.machineState(), at == null ? null : at.step().name(),
                at != null && at.phase() == Phase.COMPENSATING, positions.stream().map(StateView::of).toList(),
                saga.attempt(), saga.deadlineAt(), saga.failureReason(), saga.createdAt(), saga.updatedAt());
    }
}
