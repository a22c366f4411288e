package dev.saga.orchestrator.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.definition.SagaMigration;
import dev.saga.orchestrator.engine.SagaCatalog;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaRepository;
import dev.saga.orchestrator.engine.SagaTimeline;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves unfinished sagas from one definition version to a newer one along a declared {@link SagaMigration}.
 * A dry run says which sagas would move and which stay (and why) without changing anything; applying it moves
 * each saga in its own transaction under its row lock, so it serialises with replies and deadlines, and records
 * the move in the saga's timeline with who did it. A saga keeps its state, attempt and deadline: it still awaits
 * the same reply, now on the new version.
 */
@Service
public class SagaMigrations {

    /** One saga and what the migration does to it: moves, or stays with the reason. */
    public record Move(UUID sagaId, String businessKey, SagaStatus status, String state, boolean moves,
                       String staysBecause) {
    }

    /** What a migration did or would do. */
    public record Outcome(String type, int fromVersion, int toVersion, boolean applied, int moved, int stayed,
                          List<Move> sagas) {
    }

    private final SagaCatalog catalog;
    private final SagaRepository sagas;
    private final SagaTimeline timeline;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;

    public SagaMigrations(SagaCatalog catalog, SagaRepository sagas, SagaTimeline timeline, ObjectMapper json,
                          TransactionTemplate transaction) {
        this.catalog = catalog;
        this.sagas = sagas;
        this.timeline = timeline;
        this.json = json;
        this.transaction = transaction;
    }

    /** The declared migration between these versions, if there is one. */
    public Optional<SagaMigration<?, ?>> find(String type, int fromVersion, int toVersion) {
        return catalog.migration(type, fromVersion, toVersion);
    }

    public Outcome dryRun(SagaMigration<?, ?> migration) {
        List<Move> moves = sagas.unfinishedOn(migration.type(), migration.source().version()).stream()
                .map(saga -> plan(migration, saga)).toList();
        return outcome(migration, false, moves);
    }

    public Outcome apply(SagaMigration<?, ?> migration, String operator) {
        List<Move> moves = new ArrayList<>();
        for (SagaInstance candidate : sagas.unfinishedOn(migration.type(), migration.source().version())) {
            moves.add(transaction.execute(status -> moveOne(migration, candidate.id(), operator)));
        }
        return outcome(migration, true, moves.stream().filter(m -> m != null).toList());
    }

    /** Null when the saga finished or moved meanwhile. */
    private Move moveOne(SagaMigration<?, ?> migration, UUID sagaId, String operator) {
        SagaInstance saga = sagas.lock(sagaId).orElse(null);
        if (saga == null || saga.definitionVersion() != migration.source().version() || saga.status().isTerminal()) {
            return null;
        }
        Move move = plan(migration, saga);
        if (move.moves()) {
            sagas.moveToVersion(saga, migration.target().version(), migratedData(migration, saga.data()));
            timeline.record(saga.id(), SagaTimeline.Kind.ADMIN_ACTION, saga.machineState(), saga.attempt(), null,
                    null, "migrated by " + operator + " from " + migration.source() + " to " + migration.target()
                            + " at " + saga.machineState());
        }
        return move;
    }

    private static Move plan(SagaMigration<?, ?> migration, SagaInstance saga) {
        boolean moves = migration.moves(saga.machineState());
        return new Move(saga.id(), saga.businessKey(), saga.status(), saga.machineState(), moves,
                moves ? null : "the migration does not move sagas at " + saga.machineState()
                        + "; it runs to its end on " + migration.source());
    }

    private <F, T> String migratedData(SagaMigration<F, T> migration, String data) {
        try {
            F before = json.readValue(data, migration.source().dataType());
            return json.writeValueAsString(migration.migrateData(before));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot migrate saga data " + data + " with " + migration, e);
        }
    }

    private static Outcome outcome(SagaMigration<?, ?> migration, boolean applied, List<Move> moves) {
        int moving = (int) moves.stream().filter(Move::moves).count();
        return new Outcome(migration.type(), migration.source().version(), migration.target().version(), applied,
                moving, moves.size() - moving, moves);
    }
}
