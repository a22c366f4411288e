package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.UUID;

/** A saga's persisted row; {@code data} is the saga data as JSON. */
public record SagaInstance(
        UUID id,
        String type,
        int definitionVersion,
        String businessKey,
        SagaStatus status,
        String machineState,
        int attempt,
        @JsonRawValue String data,
        String failureReason,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public SagaInstance movedTo(String state, String newData, String reason) {
        return new SagaInstance(id, type, definitionVersion, businessKey, SagaStates.statusOf(state), state, 1,
                newData, reason, version, createdAt, updatedAt);
    }
}
