package dev.saga.orchestrator.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.definition.SagaDefinition;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.MessageTracing;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.ExpectedReply;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts sagas, applies replies and fires deadlines. Each call is one transaction: lock the saga rows, ask the
 * state machine for the next states, persist them with their deadlines, and write what the new states send to
 * the outbox. What a state expects, sends and does when unanswered is read from its definition's plan, never
 * from its name. A batch of replies or starts is worked set-based: one statement locks (or inserts) every saga
 * of it, one writes them back, so a batch costs about the statements of one message. A reply that does not
 * answer the saga's current command (its step's message id, the same for every attempt), or was not sent by
 * that step's participant ({@link ReplySenders}), changes nothing and is recorded as ignored, with the reason.
 */
@Service
public class SagaEngine {

    /** The queue replies arrive on; their spans name it. */
    public static final String REPLY_QUEUE = "orchestrator.replies";
    /** The queue the events that start sagas arrive on. */
    public static final String START_QUEUE = "orchestrator.saga-starts";

    private static final Logger LOG = LoggerFactory.getLogger(SagaEngine.class);

    private final SagaCatalog catalog;
    private final SagaRepository sagas;
    private final SagaTimeline timeline;
    private final StepMessages messages;
    private final ObjectMapper json;
    private final SagaMetrics metrics;
    private final MessageTracing tracing;
    private final ReplySenders senders;

    public SagaEngine(SagaCatalog catalog, SagaRepository sagas, SagaTimeline timeline, StepMessages messages,
                      ObjectMapper json, SagaMetrics metrics, MessageTracing tracing, ReplySenders senders) {
        this.catalog = catalog;
        this.sagas = sagas;
        this.timeline = timeline;
        this.messages = messages;
        this.json = json;
        this.metrics = metrics;
        this.tracing = tracing;
        this.senders = senders;
    }

    /** Starts the saga this event starts; a second start for the same business key only adds a timeline line. */
    @Transactional
    public UUID start(LoadedSaga loaded, Object event, UUID causationId) {
        return begin(List.of(new StartRequest(loaded, event, causationId, null, null))).get(0).sagaId();
    }

    /**
     * Starts the sagas a batch of start events start, in one transaction: every new saga is inserted in its
     * first step's state by one statement, and an event whose saga exists already (or came earlier in the
     * batch) only adds a timeline line. An event no loaded saga starts on fails the batch as malformed.
     */
    @Transactional
    public void startAll(List<IncomingMessage> events) {
        begin(events.stream().map(event -> new StartRequest(catalog.startedBy(event.payload().getClass())
                .orElseThrow(() -> new MalformedMessageException("No saga starts on " + event.envelope().type())),
                event.payload(), event.envelope().messageId(), null, event)).toList());
    }

    /**
     * A saga to start: its definition, the event, what caused it, who asked when not a message ({@code origin},
     * e.g. an operator, for the {@code SAGA_STARTED} line) and the message it came in (null for none), whose
     * trace its work continues.
     */
    record StartRequest(LoadedSaga loaded, Object event, UUID causationId, String origin, IncomingMessage message) {
    }

    /** The saga an event started, and whether this call created it or found it existing. */
    record Started(UUID sagaId, boolean created) {
    }

    /** A start worked out before the insert: the saga in its first step, its data, and the trace it starts in. */
    private record FirstStep(StartRequest request, SagaInstance saga, Object data, String traceparent) {
    }

    /** Starts sagas inside the caller's transaction, one outcome per request, in order. */
    List<Started> begin(List<StartRequest> requests) {
        List<FirstStep> firstSteps = new ArrayList<>();
        for (StartRequest request : requests) {
            inSpanOf(request, () -> firstSteps.add(firstStep(request)));
        }
        Map<UUID, FirstStep> distinct = new LinkedHashMap<>();
        firstSteps.forEach(first -> distinct.putIfAbsent(first.saga().id(), first));
        Set<UUID> created = sagas.insertAll(distinct.values().stream()
                .map(first -> new SagaRepository.NewSaga(first.saga(), first.traceparent())).toList());
        List<Started> outcomes = new ArrayList<>();
        for (FirstStep first : firstSteps) {
            boolean creates = distinct.get(first.saga().id()) == first && created.contains(first.saga().id());
            continueSpanOf(first, () -> recordStart(first, creates));
            outcomes.add(new Started(first.saga().id(), creates));
        }
        return outcomes;
    }

    private FirstStep firstStep(StartRequest request) {
        SagaDefinition<?> definition = request.loaded().definition();
        String businessKey = definition.start().businessKey().apply(request.event());
        UUID id = definition.sagaIdFor(businessKey);
        if (request.message() != null) {
            // The message's span and logging context end with its handling; a caller's (an operator's request) not.
            tracing.sagaIdentified(id);
        }
        Object data = definition.start().initialData().apply(request.event());
        PlannedState<?> first = request.loaded().next(SagaStates.NEW, SagaEvent.START);
        Instant now = Instant.now();
        SagaInstance saga = new SagaInstance(id, definition.type(), definition.version(), businessKey,
                first.status(), first.name(), 1, write(data), null, first.dueAt(now, 1), 0, now, now);
        return new FirstStep(request, saga, data, tracing.currentTraceparent());
    }

    private void recordStart(FirstStep first, boolean created) {
        StartRequest request = first.request();
        SagaDefinition<?> definition = request.loaded().definition();
        SagaInstance saga = first.saga();
        if (!created) {
            LOG.info("Saga {} for {} exists already; start {} ignored", saga.id(), saga.businessKey(),
                    request.causationId());
            timeline.record(saga.id(), SagaTimeline.Kind.START_IGNORED, null, null, request.causationId(), null,
                    "a saga for " + saga.businessKey() + " exists already");
            return;
        }
        timeline.record(saga.id(), SagaTimeline.Kind.SAGA_STARTED, null, null, request.causationId(),
                request.event().getClass().getSimpleName(),
                definition + (request.origin() == null ? "" : "; " + request.origin()));
        metrics.started(definition.type());
        messages.enter(request.loaded().plan(), saga, first.data());
        if (saga.status().isTerminal()) {
            metrics.ended(saga.type(), saga.status(), saga.createdAt());
        }
    }

    /** Works out a start in its message's span (continuing the sender's trace), or in the caller's. */
    private void inSpanOf(StartRequest request, Runnable work) {
        if (request.message() == null) {
            work.run();
        } else {
            tracing.within(request.message(), START_QUEUE, work);
        }
    }

    /** Writes what a start sends in the trace its saga starts in, where the deadlines will continue it too. */
    private void continueSpanOf(FirstStep first, Runnable work) {
        if (first.request().message() == null) {
            work.run();
        } else {
            tracing.continueTrace(first.traceparent(), "start " + first.saga().type(), first.saga().id(), work);
        }
    }

    /** Applies one reply: a batch of one. */
    @Transactional
    public void applyReply(IncomingMessage reply) {
        applyReplies(List.of(reply));
    }

    /**
     * Applies a batch of replies in one transaction: one statement locks every saga of the batch in id order, the
     * replies apply in delivery order to the sagas in memory (several for one saga apply one after the other),
     * and one statement writes every saga that moved. A reply that does not answer its saga's step is recorded
     * as ignored and changes nothing else. A reply without saga headers, or for a saga this orchestrator does not
     * have, fails the batch as malformed: the consumer then handles it alone and parks it.
     */
    @Transactional
    public void applyReplies(List<IncomingMessage> replies) {
        for (IncomingMessage reply : replies) {
            Envelope envelope = reply.envelope();
            if (envelope.sagaId() == null || envelope.step() == null) {
                throw new MalformedMessageException("Reply " + envelope.messageId()
                        + " has no saga-id or step header");
            }
        }
        Map<UUID, SagaInstance> current = sagas.lockAll(replies.stream().map(r -> r.envelope().sagaId())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        for (IncomingMessage reply : replies) {
            if (!current.containsKey(reply.envelope().sagaId())) {
                throw new MalformedMessageException("Reply " + reply.envelope().messageId() + " is for unknown saga "
                        + reply.envelope().sagaId());
            }
        }
        Map<UUID, SagaInstance> changed = new LinkedHashMap<>();
        for (IncomingMessage reply : replies) {
            UUID sagaId = reply.envelope().sagaId();
            tracing.within(reply, REPLY_QUEUE, () -> {
                SagaInstance before = current.get(sagaId);
                SagaInstance after = applied(before, reply);
                if (after != before) {
                    current.put(sagaId, after);
                    changed.put(sagaId, after);
                }
            });
        }
        sagas.updateAll(List.copyOf(changed.values()));
    }

    /** The saga after the reply: moved on, or the same instance if the reply does not apply. */
    private SagaInstance applied(SagaInstance saga, IncomingMessage reply) {
        Envelope envelope = reply.envelope();
        LoadedSaga loaded = loaded(saga);
        String mismatch = mismatch(saga, envelope);
        if (mismatch != null) {
            ignore(saga, envelope, mismatch);
            return saga;
        }
        String participant = loaded.plan().state(saga.machineState()).step().participant();
        String impostor = senders.refusal(saga.type(), participant, reply.origin());
        if (impostor != null) {
            LOG.warn("Refusing {} {} for saga {} at {}: {}", envelope.type(), envelope.messageId(), saga.id(),
                    saga.machineState(), impostor);
            ignore(saga, envelope, impostor);
            return saga;
        }
        return applyMatching(loaded, saga, reply);
    }

    private <D> SagaInstance applyMatching(LoadedSaga loaded, SagaInstance saga, IncomingMessage reply) {
        @SuppressWarnings("unchecked")
        SagaPlan<D> plan = (SagaPlan<D>) loaded.plan();
        String state = saga.machineState();
        Optional<ExpectedReply<D>> expected = plan.state(state).expecting(reply.payload().getClass());
        if (expected.isEmpty()) {
            ignore(saga, reply.envelope(), "step " + state + " does not expect " + reply.envelope().type());
            return saga;
        }
        SagaEvent event = expected.get().outcome();
        D data = expected.get().apply(read(saga.data(), plan.definition().dataType()), reply.payload());
        timeline.record(saga.id(), SagaTimeline.Kind.REPLY_APPLIED, state, saga.attempt(),
                reply.envelope().messageId(), reply.envelope().type(), event.name());
        metrics.stepAnswered(saga.type(), state, Duration.between(saga.updatedAt(), Instant.now()));
        String reason = event == SagaEvent.FAILED
                ? state + " failed: " + FailureReasons.of(reply.payload()) : saga.failureReason();
        return advance(loaded, saga, event, data, reason);
    }

    /**
     * The current step's reply is overdue: send its command again, or after the last attempt do what its state
     * does when unanswered: compensate (before the pivot), wait for an operator ({@code STUCK}, at or after the
     * pivot), or fail (a compensation). Does nothing if another instance holds the saga or a reply moved it on
     * meanwhile.
     */
    @Transactional
    public void fireDeadline(UUID sagaId) {
        Optional<SagaInstance> due = sagas.lockIfDue(sagaId);
        if (due.isEmpty()) {
            return;
        }
        SagaInstance saga = due.get();
        LoadedSaga loaded = loaded(saga);
        PlannedState<?> at = loaded.plan().state(saga.machineState());
        String state = at.name();
        String silence = "no reply to " + state + " after " + saga.attempt() + " attempt(s)";
        metrics.deadlineFired(saga.type(), state);
        if (at.step().deadline().allowsAttempt(saga.attempt() + 1)) {
            SagaInstance again = saga.nextAttempt(at.dueAt(Instant.now(), saga.attempt() + 1));
            sagas.update(again);
            timeline.record(saga.id(), SagaTimeline.Kind.DEADLINE_FIRED, state, again.attempt(), null, null,
                    silence + "; sending attempt " + again.attempt());
            messages.enter(loaded.plan(), again, read(saga.data(), loaded.definition().dataType()));
            return;
        }
        switch (at.whenUnanswered()) {
            case FAIL -> {
                SagaInstance failed = saga.givenUp(SagaStatus.FAILED, silence + "; compensation abandoned");
                sagas.update(failed);
                timeline.record(saga.id(), SagaTimeline.Kind.DEADLINE_FIRED, state, saga.attempt(), null, null,
                        failed.failureReason());
                messages.announceEnd(failed);
                metrics.ended(saga.type(), SagaStatus.FAILED, saga.createdAt());
            }
            case COMPENSATE -> {
                timeline.record(saga.id(), SagaTimeline.Kind.DEADLINE_FIRED, state, saga.attempt(), null, null,
                        silence + "; compensating");
                sagas.update(abandon(loaded, saga, silence, silence));
            }
            case STUCK -> {
                SagaInstance stuck = saga.givenUp(SagaStatus.STUCK,
                        silence + "; past the pivot, an operator must act");
                sagas.update(stuck);
                timeline.record(saga.id(), SagaTimeline.Kind.SAGA_STUCK, state, saga.attempt(), null, null,
                        stuck.failureReason());
                metrics.stuck(saga.type(), state);
            }
        }
    }

    /**
     * Moves the saga on by the event and writes what its new state sends; the caller persists the moved saga
     * (with the others of its batch).
     */
    SagaInstance advance(LoadedSaga loaded, SagaInstance saga, SagaEvent event, Object data, String reason) {
        PlannedState<?> next = loaded.next(saga.machineState(), event);
        SagaInstance moved = saga.movedTo(next, write(data), reason, next.dueAt(Instant.now(), 1));
        messages.enter(loaded.plan(), moved, data);
        if (next.isEnd()) {
            metrics.ended(saga.type(), moved.status(), saga.createdAt());
        }
        return moved;
    }

    /**
     * Gives the current step up as if its last attempt went unanswered: the saga data records {@code why}, and the
     * compensations run from there, the step's own first (its command may have taken effect). A deadline does this
     * after the last attempt, an operator at any time before the pivot. The caller persists the moved saga.
     */
    SagaInstance abandon(LoadedSaga loaded, SagaInstance saga, String why, String reason) {
        return advance(loaded, saga, SagaEvent.TIMED_OUT, timedOut(loaded.definition(), saga, why), reason);
    }

    private <D> D timedOut(SagaDefinition<D> definition, SagaInstance saga, String why) {
        return definition.timedOut(read(saga.data(), definition.dataType()), why);
    }

    /** The definition version the saga runs on: the one it started with, or the one a migration moved it to. */
    LoadedSaga loaded(SagaInstance saga) {
        return catalog.forVersion(saga.type(), saga.definitionVersion()).orElseThrow(() ->
                new IllegalStateException("Saga " + saga.id() + " runs on " + saga.type() + " v"
                        + saga.definitionVersion() + ", which is not loaded (loaded: " + catalog.describe() + ")"));
    }

    /**
     * Why a reply does not apply, or null if it answers the current command. Every attempt of a step resends
     * the same message id, so a late reply to an earlier attempt is still the answer; a {@code STUCK} saga
     * still takes it.
     */
    private static String mismatch(SagaInstance saga, Envelope reply) {
        if (saga.status().isTerminal()) {
            return "saga is " + saga.status();
        }
        UUID expected = StepMessages.commandId(saga.id(), saga.machineState());
        if (!saga.machineState().equals(reply.step()) || !expected.equals(reply.correlationId())) {
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

    <D> D read(String data, Class<D> type) {
        try {
            return json.readValue(data, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read saga data as " + type.getName() + ": " + data, e);
        }
    }
}
