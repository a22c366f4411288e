package dev.saga.test;

import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaStore;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Saga rows in a map, each with its timers as the row carries them. It keeps what the PostgreSQL store keeps:
 * an existing id is not inserted again, a write checks the version each saga was read with (all or none), bumps it
 * and stamps the time, and a deadline is due once the clock reached it while the saga still waits. One test drives
 * it, so a lock has no one to wait for.
 */
final class InMemorySagaStore implements SagaStore {

    private final Clock clock;
    private Map<UUID, SagaInstance> rows = new LinkedHashMap<>();

    InMemorySagaStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<UUID> insertAll(List<NewSaga> fresh) {
        Set<UUID> inserted = new HashSet<>();
        for (NewSaga row : fresh) {
            if (rows.putIfAbsent(row.saga().id(), row.saga()) == null) {
                inserted.add(row.saga().id());
            }
        }
        return inserted;
    }

    @Override
    public Map<UUID, SagaInstance> lockAll(Collection<UUID> ids) {
        Map<UUID, SagaInstance> locked = new LinkedHashMap<>();
        ids.stream().sorted().filter(rows::containsKey).forEach(id -> locked.put(id, rows.get(id)));
        return locked;
    }

    @Override
    public Optional<SagaInstance> lockIfDue(UUID id) {
        return find(id).filter(saga -> saga.deadlineAt() != null && !saga.deadlineAt().isAfter(clock.instant())
                && (saga.status() == SagaStatus.RUNNING || saga.status() == SagaStatus.COMPENSATING));
    }

    @Override
    public Optional<SagaInstance> lockIfFinishDue(UUID id) {
        return find(id).filter(saga -> saga.finishBy() != null && !saga.finishBy().isAfter(clock.instant())
                && (saga.status() == SagaStatus.RUNNING || saga.status() == SagaStatus.COMPENSATING));
    }

    @Override
    public void updateAll(List<SagaInstance> changed) {
        for (SagaInstance saga : changed) {
            SagaInstance stored = rows.get(saga.id());
            if (stored == null || stored.version() != saga.version()) {
                throw new IllegalStateException("Saga " + saga.id() + " v" + saga.version() + " changed concurrently"
                        + " (stored: " + (stored == null ? "none" : "v" + stored.version()) + ")");
            }
        }
        for (SagaInstance saga : changed) {
            rows.put(saga.id(), new SagaInstance(saga.id(), saga.type(), saga.definitionVersion(),
                    saga.businessKey(), saga.status(), saga.machineState(), saga.attempt(), saga.data(),
                    saga.stepReplies(), saga.branches(), saga.failureReason(), saga.deadlineAt(), saga.finishBy(),
                    saga.version() + 1, saga.createdAt(), clock.instant()));
        }
    }

    Optional<SagaInstance> find(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    /** The rows as they stand, to go back to if a move fails. */
    Map<UUID, SagaInstance> snapshot() {
        return new LinkedHashMap<>(rows);
    }

    /** Back to a snapshot, as a rolled-back transaction leaves the rows. */
    void restore(Map<UUID, SagaInstance> snapshot) {
        rows = new LinkedHashMap<>(snapshot);
    }
}
