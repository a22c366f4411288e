package dev.saga.orchestrator.operations;

import java.util.UUID;

/** An operator's action that the saga's state does not allow; the message says why. Nothing was changed. */
public class SagaActionRefusedException extends RuntimeException {

    private final UUID sagaId;
    private final String action;

    public SagaActionRefusedException(UUID sagaId, String action, String reason) {
        super(reason);
        this.sagaId = sagaId;
        this.action = action;
    }

    public UUID sagaId() {
        return sagaId;
    }

    public String action() {
        return action;
    }
}
