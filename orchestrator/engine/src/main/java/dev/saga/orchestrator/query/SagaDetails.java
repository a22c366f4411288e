package dev.saga.orchestrator.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.orchestrator.engine.SagaTimeline;
import dev.saga.orchestrator.engine.plan.OperatorAction;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One saga in full: where it stands, what an operator may do to it now ({@code actions}, none once it ended), its
 * data as JSON, and its timeline, oldest line first.
 */
public record SagaDetails(UUID id, String type, int definitionVersion, String businessKey, SagaStatus status,
                          String state, String step, boolean compensating, List<StateView> positions, int attempt,
                          @JsonRawValue String branches, Instant deadlineAt, Instant finishBy, String failureReason,
                          List<OperatorAction> actions, JsonNode data, Instant createdAt, Instant updatedAt,
                          List<SagaTimeline.Entry> timeline) {

    static SagaDetails of(SagaSummary saga, List<OperatorAction> actions, JsonNode data,
                          List<SagaTimeline.Entry> timeline) {
        return new SagaDetails(saga.id(), saga.type(), saga.definitionVersion(), saga.businessKey(), saga.status(),
                saga.state(), saga.step(), saga.compensating(), saga.positions(), saga.attempt(), saga.branches(),
                saga.deadlineAt(), saga.finishBy(), saga.failureReason(), List.copyOf(actions), data, saga.createdAt(),
                saga.updatedAt(), List.copyOf(timeline));
    }
}
