package dev.saga.orchestrator.engine;

import java.util.UUID;

/** An operation named a saga that does not exist. */
public class SagaNotFoundException extends RuntimeException {

    private final UUID sagaId;

    public SagaNotFoundException(UUID sagaId) {
        super("No saga " + sagaId);
        this.sagaId = sagaId;
    }

    public UUID sagaId() {
        return sagaId;
    }
}
