package dev.saga.orchestrator.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where the engine keeps its sagas while it moves them: their rows and their timers (a step's deadline or
 * delay, the saga's own deadline), which change together. Each call runs in the caller's transaction, and a lock
 * holds until that transaction ends: one writer per saga. Production keeps them in PostgreSQL
 * ({@link SagaRepository}, whose batch statements these are); the saga test kit keeps them in memory. Everything
 * else the engine decides itself, the same whatever the store.
 */
public interface SagaStore {

    /** A saga to insert, with the W3C trace context it starts in (null for none). */
    record NewSaga(SagaInstance saga, String traceparent) {
    }

    /**
     * Inserts new sagas, already in their first step's state, with their step deadlines; the ids of those
     * inserted. One whose id (so business key) exists already is left as it is and not returned.
     */
    Set<UUID> insertAll(List<NewSaga> fresh);

    /** Reads the sagas and locks them, in id order, until the transaction ends. Unknown ids are absent. */
    Map<UUID, SagaInstance> lockAll(Collection<UUID> ids);

    /**
     * Locks the saga only if its step timer (a reply deadline, or a delay) is due, it still waits (running or
     * compensating), and no one else holds it (deadlines compete with replies and with each other).
     */
    Optional<SagaInstance> lockIfDue(UUID id);

    /** Locks the saga only if its own deadline passed, it still waits, and no one else holds it. */
    Optional<SagaInstance> lockIfFinishDue(UUID id);

    /**
     * Writes the new states of locked sagas, each checked against the version it was read with (all or none are
     * written), with their step deadlines: set where a saga still waits, removed where it ended or gave up.
     */
    void updateAll(List<SagaInstance> changed);

    default void update(SagaInstance saga) {
        updateAll(List.of(saga));
    }
}
