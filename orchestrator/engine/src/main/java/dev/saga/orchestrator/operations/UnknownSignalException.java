package dev.saga.orchestrator.operations;

import java.util.UUID;

/** A signal was sent to a saga whose definition has no step that waits for a signal of that name. */
public class UnknownSignalException extends RuntimeException {

    private final UUID sagaId;

    UnknownSignalException(UUID sagaId, String message) {
        super(message);
        this.sagaId = sagaId;
    }

    public UUID sagaId() {
        return sagaId;
    }
}
