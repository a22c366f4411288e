package dev.saga.orchestrator.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.definition.SagaDefinition;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.SagaEngine;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.SagaNotFoundException;
import dev.saga.orchestrator.engine.SagaRepository;
import dev.saga.orchestrator.engine.SagaStarts;
import dev.saga.orchestrator.engine.SagaTimeline;
import dev.saga.orchestrator.engine.plan.OperatorAction;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an operator may do to a saga: start one, resend its current command, abort it, or resume it after it
 * got stuck. Each call is one transaction under the saga's row lock, like the engine's own moves, so it
 * serialises with replies and deadlines; each is recorded in the timeline as {@code ADMIN_ACTION} with who
 * did it and why, and an action the saga's state does not allow ({@link OperatorAction} decides) changes
 * nothing.
 */
@Service
public class SagaOperations {

    /** The saga a start request names, and whether this request started it. */
    public record StartOutcome(UUID sagaId, boolean created) {
    }

    private final SagaEngine engine;
    private final SagaStarts starts;
    private final SagaRepository sagas;
    private final SagaTimeline timeline;
    private final StartRequests startRequests;
    private final ObjectMapper json;

    public SagaOperations(SagaEngine engine, SagaStarts starts, SagaRepository sagas, SagaTimeline timeline,
                          StartRequests startRequests, ObjectMapper json) {
        this.engine = engine;
        this.starts = starts;
        this.sagas = sagas;
        this.timeline = timeline;
        this.startRequests = startRequests;
        this.json = json;
    }

    /**
     * Starts a saga from its start event. The same idempotency key (per saga type) with the same event names
     * the saga it started before; with a different event it is refused, and so is a new key for a business key
     * that already has its saga.
     */
    @Transactional
    public StartOutcome start(LoadedSaga loaded, Object event, String idempotencyKey, String operator) {
        SagaDefinition<?> definition = loaded.definition();
        String businessKey = definition.start().businessKey().apply(event);
        UUID sagaId = definition.sagaIdFor(businessKey);
        String fingerprint = fingerprint(event);
        if (!startRequests.claim(definition.type(), idempotencyKey, fingerprint, sagaId, operator)) {
            StartRequests.StartRequest earlier = startRequests.find(definition.type(), idempotencyKey).orElseThrow();
            if (!earlier.fingerprint().equals(fingerprint)) {
                throw new SagaActionRefusedException(earlier.sagaId(), "start", "Idempotency-Key " + idempotencyKey
                        + " was used for a different " + event.getClass().getSimpleName() + " (saga "
                        + earlier.sagaId() + ")");
            }
            return new StartOutcome(earlier.sagaId(), false);
        }
        UUID causationId = UUID.nameUUIDFromBytes(("admin:" + definition.type() + ":" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8));
        SagaStarts.Started started = starts.begin(List.of(new SagaStarts.StartRequest(loaded, event, causationId,
                "start by " + operator + ", Idempotency-Key " + idempotencyKey, null))).get(0);
        if (!started.created()) {
            throw new SagaActionRefusedException(sagaId, "start", "A " + definition.type() + " saga for "
                    + businessKey + " exists already: " + sagaId);
        }
        return new StartOutcome(sagaId, true);
    }

    /**
     * Sends the current state's message again as the next attempt, with the same message id and the deadline
     * of that attempt. A {@code STUCK} saga gets this one more attempt and waits for it as {@code RUNNING}.
     */
    @Transactional
    public void retry(UUID sagaId, String operator, String reason) {
        SagaInstance saga = locked(sagaId);
        PlannedState<?> at = stateOf(saga);
        if (!OperatorAction.RETRY.allowedFor(saga.status(), at)) {
            throw refused(saga, "retry", "A " + saga.status() + " saga has no command to resend; retry needs"
                    + " RUNNING, COMPENSATING or STUCK");
        }
        int attempt = saga.attempt() + 1;
        SagaInstance again = saga.resent(at.status(), attempt,
                saga.status() == SagaStatus.STUCK ? null : saga.failureReason(), at.dueAt(Instant.now(), attempt));
        resend(saga, again, "retry", operator, reason);
    }

    /**
     * Aborts a saga that is still before its pivot: its current step is given up as if its deadline had run
     * out, so the compensations run from there (the step's own first, since its command may have taken effect).
     */
    @Transactional
    public void compensate(UUID sagaId, String operator, String reason) {
        SagaInstance saga = locked(sagaId);
        LoadedSaga loaded = engine.loaded(saga);
        String state = saga.machineState();
        if (!OperatorAction.COMPENSATE.allowedFor(saga.status(), loaded.plan().state(state))) {
            throw refused(saga, "compensate", whyNotCompensated(saga, loaded));
        }
        String why = "aborted by " + operator + (reason == null ? "" : ": " + reason);
        timeline.record(saga.id(), SagaTimeline.Kind.ADMIN_ACTION, state, saga.attempt(), null, null,
                describe("compensate", operator, reason));
        engine.abandon(saga, why, state + " " + why);
    }

    /**
     * Takes a {@code STUCK} saga up again after the operator fixed the cause: sends its command again and waits
     * as {@code RUNNING}, with a fresh round of attempts and deadlines (attempts count from 1 again).
     */
    @Transactional
    public void resume(UUID sagaId, String operator, String reason) {
        SagaInstance saga = locked(sagaId);
        PlannedState<?> at = stateOf(saga);
        if (!OperatorAction.RESUME.allowedFor(saga.status(), at)) {
            throw refused(saga, "resume", "Only a STUCK saga can be resumed; this one is " + saga.status()
                    + (OperatorAction.RETRY.allowedFor(saga.status(), at) ? " (retry resends its command)" : ""));
        }
        SagaInstance resumed = saga.resent(SagaStatus.RUNNING, 1, null, at.dueAt(Instant.now(), 1));
        resend(saga, resumed, "resume", operator, reason);
    }

    private static String whyNotCompensated(SagaInstance saga, LoadedSaga loaded) {
        if (saga.status().isTerminal()) {
            return "The saga ended " + saga.status() + "; there is nothing to compensate";
        }
        if (saga.status() == SagaStatus.COMPENSATING) {
            return "The saga is compensating already, at " + saga.machineState();
        }
        return "Step " + saga.machineState() + " is at or after the pivot "
                + loaded.definition().pivot().map(p -> p.name()).orElse("") + ": the saga can only go forward"
                + " (retry or resume it)";
    }

    private void resend(SagaInstance before, SagaInstance after, String action, String operator, String reason) {
        timeline.record(before.id(), SagaTimeline.Kind.ADMIN_ACTION, before.machineState(), after.attempt(), null,
                null, describe(action, operator, reason));
        engine.resend(after);
    }

    private SagaInstance locked(UUID sagaId) {
        return sagas.lock(sagaId).orElseThrow(() -> new SagaNotFoundException(sagaId));
    }

    private PlannedState<?> stateOf(SagaInstance saga) {
        return engine.loaded(saga).plan().state(saga.machineState());
    }

    private static String describe(String action, String operator, String reason) {
        return action + " by " + operator + (reason == null ? "" : ": " + reason);
    }

    private static SagaActionRefusedException refused(SagaInstance saga, String action, String reason) {
        return new SagaActionRefusedException(saga.id(), action, reason);
    }

    /** The same start event always gives the same fingerprint: the JSON of the record, hashed. */
    private String fingerprint(Object event) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(event)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint " + event, e);
        }
    }
}
