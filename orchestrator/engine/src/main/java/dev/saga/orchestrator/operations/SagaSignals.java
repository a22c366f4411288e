package dev.saga.orchestrator.operations;

import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.SagaEngine;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaNotFoundException;
import dev.saga.orchestrator.engine.SagaRepository;
import dev.saga.orchestrator.engine.plan.ExpectedSignal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's signal to a saga whose step waits for a decision. Each request is named by the client's
 * idempotency key, claimed in the transaction that applies the signal: the same key again finds the claim and
 * changes nothing, so a repeated request (after a timeout, say) has no second effect. A signal the saga cannot
 * take now is refused with the reason, and its claim goes with the rolled-back transaction.
 */
@Service
public class SagaSignals {

    private final SagaRepository sagas;
    private final SagaEngine engine;
    private final JdbcTemplate jdbc;

    SagaSignals(SagaRepository sagas, SagaEngine engine, JdbcTemplate jdbc) {
        this.sagas = sagas;
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** Whether the signal was applied by this request, or by an earlier one with the same idempotency key. */
    public record SignalOutcome(UUID sagaId, boolean applied) {
    }

    /**
     * The type a signal's body is read as: declared by the step of the saga's definition that waits for it.
     * Unknown when no step of that definition waits for a signal of that name.
     */
    public Class<?> bodyType(UUID sagaId, String signal) {
        SagaInstance saga = sagas.find(sagaId).orElseThrow(() -> new SagaNotFoundException(sagaId));
        LoadedSaga loaded = engine.loaded(saga);
        List<? extends ExpectedSignal<?>> declared = loaded.plan().states().stream()
                .flatMap(state -> state.operatorSignals().stream()).toList();
        return declared.stream().filter(expected -> expected.name().equals(signal)).findFirst()
                .<Class<?>>map(ExpectedSignal::bodyType)
                .orElseThrow(() -> new UnknownSignalException(sagaId, "No step of " + loaded.definition()
                        + " waits for signal '" + signal + "' (its signals: "
                        + declared.stream().map(ExpectedSignal::name).distinct().toList() + ")"));
    }

    /** Applies the signal to the saga's waiting step, once per idempotency key. */
    @Transactional
    public SignalOutcome signal(UUID sagaId, String signal, Object body, String idempotencyKey, String operator) {
        SagaInstance saga = sagas.lock(sagaId).orElseThrow(() -> new SagaNotFoundException(sagaId));
        int claimed = jdbc.update("""
                INSERT INTO saga_signal (saga_id, idempotency_key, signal, requested_by) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", sagaId, idempotencyKey, signal, operator);
        if (claimed == 0) {
            String earlier = jdbc.queryForObject("SELECT signal FROM saga_signal WHERE saga_id = ? AND"
                    + " idempotency_key = ?", String.class, sagaId, idempotencyKey);
            if (!Objects.equals(earlier, signal)) {
                throw new SagaActionRefusedException(sagaId, "signal " + signal, "Idempotency-Key "
                        + idempotencyKey + " was used for signal " + earlier + " of this saga");
            }
            return new SignalOutcome(sagaId, false);
        }
        engine.signalRefusal(saga, signal).ifPresent(reason -> {
            throw new SagaActionRefusedException(sagaId, "signal " + signal, reason);
        });
        engine.signal(saga, signal, body, operator);
        return new SignalOutcome(sagaId, true);
    }
}
