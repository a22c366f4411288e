package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.definition.ReplyHandling;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts sagas and applies replies. Each call is one transaction: lock the saga row, ask the state machine
 * for the next state, persist it, and write what the new state sends to the outbox. A reply that does not
 * match the saga's current step and attempt changes nothing and is recorded as ignored.
 */
@Service
public class SagaEngine {

    private static final Logger LOG = LoggerFactory.getLogger(SagaEngine.class);

    private final SagaCatalog catalog;
    private final SagaRepository sagas;
    private final SagaTimeline timeline;
    private final StepMessages messages;
    private final ObjectMapper json;

    public SagaEngine(SagaCatalog catalog, SagaRepository sagas, SagaTimeline timeline, StepMessages messages,
                      ObjectMapper json) {
        this.catalog = catalog;
        this.sagas = sagas;
        this.timeline = timeline;
        this.messages = messages;
        this.json = json;
    }

    /** Starts the saga this event starts; a second start for the same business key only adds a timeline line. */
    @Transactional
    public UUID start(LoadedSaga loaded, Object event, UUID causationId) {
        SagaDefinition<?> definition = loaded.definition();
        String businessKey = definition.start().businessKey().apply(event);
        UUID id = definition.sagaIdFor(businessKey);
        Object data = definition.start().initialData().apply(event);
        SagaInstance fresh = new SagaInstance(id, definition.type(), definition.version(), businessKey,
                SagaStatus.RUNNING, SagaStates.NEW, 0, write(data), null, 0, null, null);
        if (!sagas.insertIfAbsent(fresh)) {
            LOG.info("Saga {} for {} exists already; start {} ignored", id, businessKey, causationId);
            timeline.record(id, SagaTimeline.Kind.START_IGNORED, null, null, causationId, null,
                    "a saga for " + businessKey + " exists already");
            return id;
        }
        timeline.record(id, SagaTimeline.Kind.SAGA_STARTED, null, null, causationId,
                event.getClass().getSimpleName(), definition.toString());
        advance(loaded, fresh, SagaEvent.START, data, null);
        return id;
    }

    @Transactional
    public void applyReply(IncomingMessage reply) {
        Envelope envelope = reply.envelope();
        if (envelope.sagaId() == null || envelope.step() == null) {
            throw new MalformedMessageException("Reply " + envelope.messageId() + " has no saga-id or step header");
        }
        Optional<SagaInstance> found = sagas.lock(envelope.sagaId());
        if (found.isEmpty()) {
            throw new MalformedMessageException("Reply " + envelope.messageId() + " is for unknown saga "
                    + envelope.sagaId());
        }
        SagaInstance saga = found.get();
        LoadedSaga loaded = catalog.forType(saga.type()).orElseThrow(() ->
                new IllegalStateException("Saga type " + saga.type() + " is not loaded"));
        String mismatch = mismatch(saga, envelope);
        if (mismatch != null) {
            ignore(saga, envelope, mismatch);
            return;
        }
        applyMatching(loaded, saga, reply);
    }

    private <D> void applyMatching(LoadedSaga loaded, SagaInstance saga, IncomingMessage reply) {
        @SuppressWarnings("unchecked")
        SagaDefinition<D> definition = (SagaDefinition<D>) loaded.definition();
        String state = saga.machineState();
        SagaStep<D> step = definition.step(SagaStates.stepOf(state));
        Class<?> replyType = reply.payload().getClass();
        Optional<ReplyHandling<D>> success = SagaStates.isCompensation(state)
                ? step.compensationReply(replyType) : step.successReply(replyType);
        Optional<ReplyHandling<D>> failure = SagaStates.isCompensation(state)
                ? Optional.empty() : step.failureReply(replyType);
        if (success.isEmpty() && failure.isEmpty()) {
            ignore(saga, reply.envelope(), "step " + state + " does not expect " + reply.envelope().type());
            return;
        }
        SagaEvent event = success.isPresent() ? SagaEvent.SUCCEEDED : SagaEvent.FAILED;
        D data = success.or(() -> failure).get().apply(read(saga.data(), definition.dataType()), reply.payload());
        timeline.record(saga.id(), SagaTimeline.Kind.REPLY_APPLIED, state, saga.attempt(),
                reply.envelope().messageId(), reply.envelope().type(), event.name());
        String reason = event == SagaEvent.FAILED
                ? state + " failed: " + FailureReasons.of(reply.payload()) : saga.failureReason();
        advance(loaded, saga, event, data, reason);
    }

    private void advance(LoadedSaga loaded, SagaInstance saga, SagaEvent event, Object data, String reason) {
        String next = loaded.transitions().next(saga.machineState(), event);
        SagaInstance moved = saga.movedTo(next, write(data), reason);
        sagas.update(moved);
        messages.enter(loaded.definition(), moved, data);
    }

    private static String mismatch(SagaInstance saga, Envelope reply) {
        if (saga.status().isTerminal()) {
            return "saga is " + saga.status();
        }
        if (!saga.machineState().equals(reply.step()) || saga.attempt() != reply.attempt()) {
            return "saga is at " + saga.machineState() + " attempt " + saga.attempt() + ", reply is for "
                    + reply.step() + " attempt " + reply.attempt();
        }
        return null;
    }

    private void ignore(SagaInstance saga, Envelope reply, String why) {
        LOG.info("Ignoring {} {} for saga {}: {}", reply.type(), reply.messageId(), saga.id(), why);
        timeline.record(saga.id(), SagaTimeline.Kind.REPLY_IGNORED, reply.step(), reply.attempt(), reply.messageId(),
                reply.type(), why);
    }

    private String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write saga data " + data, e);
        }
    }

    private <D> D read(String data, Class<D> type) {
        try {
            return json.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read saga data as " + type.getName() + ": " + data, e);
        }
    }
}
