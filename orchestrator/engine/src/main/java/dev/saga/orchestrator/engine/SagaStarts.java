package dev.saga.orchestrator.engine;

import dev.saga.definition.SagaDefinition;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.MessageTracing;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaStates;
import dev.saga.orchestrator.metrics.SagaMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts sagas: from the events that start them (a batch at a time, as they arrive on the start queue) or from an
 * operator's request. Each saga is inserted already in its first step's state, so its first command goes out in
 * the same transaction; a second start for the same business key only adds a timeline line.
 */
@Service
public class SagaStarts {

    /** The queue the events that start sagas arrive on; their spans name it. */
    public static final String QUEUE = "orchestrator.saga-starts";

    private static final Logger LOG = LoggerFactory.getLogger(SagaStarts.class);

    private final SagaCatalog catalog;
    private final SagaStore sagas;
    private final TimelineLog timeline;
    private final StepMessages messages;
    private final SagaData data;
    private final SagaMetrics metrics;
    private final MessageTracing tracing;
    private final Clock clock;

    @Autowired
    SagaStarts(SagaCatalog catalog, SagaStore sagas, TimelineLog timeline, StepMessages messages,
               SagaData data, SagaMetrics metrics, MessageTracing tracing) {
        this(catalog, sagas, timeline, messages, data, metrics, tracing, Clock.systemUTC());
    }

    /** {@code clock} dates the first deadlines: the system's, or a test's virtual one. */
    SagaStarts(SagaCatalog catalog, SagaStore sagas, TimelineLog timeline, StepMessages messages,
               SagaData data, SagaMetrics metrics, MessageTracing tracing, Clock clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.sagas = sagas;
        this.timeline = timeline;
        this.messages = messages;
        this.data = data;
        this.metrics = metrics;
        this.tracing = tracing;
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
    public record StartRequest(LoadedSaga loaded, Object event, UUID causationId, String origin,
                               IncomingMessage message) {
    }

    /** The saga an event started, and whether this call created it or found it existing. */
    public record Started(UUID sagaId, boolean created) {
    }

    /** A start worked out before the insert: the saga in its first step, its data, and the trace it starts in. */
    private record FirstStep(StartRequest request, SagaInstance saga, Object data, String traceparent,
                             EnteredState entered) {
    }

    /** Starts sagas inside the caller's transaction, one outcome per request, in order. */
    public List<Started> begin(List<StartRequest> requests) {
        List<FirstStep> firstSteps = new ArrayList<>();
        for (StartRequest request : requests) {
            inSpanOf(request, () -> firstSteps.add(firstStep(request)));
        }
        Map<UUID, FirstStep> distinct = new LinkedHashMap<>();
        firstSteps.forEach(first -> distinct.putIfAbsent(first.saga().id(), first));
        Set<UUID> created = sagas.insertAll(distinct.values().stream()
                .map(first -> new SagaStore.NewSaga(first.saga(), first.traceparent())).toList());
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
        Object initial = definition.start().initialData().apply(request.event());
        Instant now = clock.instant();
        EnteredState entered = EnteredState.of(request.loaded(),
                request.loaded().next(SagaStates.NEW, SagaEvent.START), initial, null, now, data);
        PlannedState<?> first = entered.state();
        SagaInstance saga = new SagaInstance(id, definition.type(), definition.version(), businessKey,
                first.status(), first.name(), first.firstAttempt(), data.write(initial),
                first.isEnd() ? null : entered.stepReplies(), data.write(entered.branches()), null,
                entered.dueAt(now),
                first.isEnd() ? null : definition.finishWithin().map(now::plus).orElse(null), 0, now, now);
        return new FirstStep(request, saga, initial, tracing.currentTraceparent(), entered);
    }

    private void recordStart(FirstStep first, boolean created) {
        StartRequest request = first.request();
        SagaDefinition<?> definition = request.loaded().definition();
        SagaInstance saga = first.saga();
        if (!created) {
            LOG.info("Saga {} for {} exists already; start {} ignored", saga.id(), saga.businessKey(),
                    request.causationId());
            timeline.record(saga.id(), TimelineLog.Kind.START_IGNORED, null, null, request.causationId(), null,
                    "a saga for " + saga.businessKey() + " exists already");
            return;
        }
        timeline.record(saga.id(), TimelineLog.Kind.SAGA_STARTED, null, null, request.causationId(),
                request.event().getClass().getSimpleName(),
                definition + (request.origin() == null ? "" : "; " + request.origin()));
        metrics.started(definition.type());
        first.entered().record(timeline, saga);
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
            tracing.within(request.message(), QUEUE, work);
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
}
