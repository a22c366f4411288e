package dev.saga.orchestrator.engine;

import dev.saga.definition.SagaDefinition;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.MessageTracing;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.ExpectedReply;
import dev.saga.orchestrator.engine.plan.ExpectedSignal;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.orchestrator.engine.plan.StepKind;
import dev.saga.orchestrator.metrics.SagaMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves sagas on: applies replies and fires deadlines ({@link SagaStarts} starts them). Each call is one
 * transaction: lock the saga rows, ask the state machine for the next states, persist them with their deadlines,
 * and write what the new states send to the outbox. What a state expects, sends and does when unanswered is read
 * from its definition's plan, never from its name. A batch of replies is worked set-based: one statement locks
 * every saga of it, one writes them back, so a batch costs about the statements of one message. A reply that does
 * not answer the saga's current command (its step's message id, the same for every attempt), or was not sent by
 * that step's participant ({@link ReplySenders}), changes nothing and is recorded as ignored, with the reason.
 * The rows, the timeline and the outbox are ports ({@link SagaStore}, {@link TimelineLog}, {@link SagaOutbox}):
 * production fills them with PostgreSQL, the saga test kit in memory, and every move is decided here either way.
 */
@Service
public class SagaEngine {

    /** The queue replies arrive on; their spans name it. */
    public static final String REPLY_QUEUE = "orchestrator.replies";

    private static final Logger LOG = LoggerFactory.getLogger(SagaEngine.class);

    private final SagaCatalog catalog;
    private final SagaStore sagas;
    private final TimelineLog timeline;
    private final StepMessages messages;
    private final SagaData sagaData;
    private final SagaMetrics metrics;
    private final MessageTracing tracing;
    private final ReplySenders senders;
    private final Clock clock;
    private final ParallelGroups groups;
    private final WaitingSteps waits;

    @Autowired
    SagaEngine(SagaCatalog catalog, SagaStore sagas, TimelineLog timeline, StepMessages messages,
               SagaData sagaData, SagaMetrics metrics, MessageTracing tracing, ReplySenders senders) {
        this(catalog, sagas, timeline, messages, sagaData, metrics, tracing, senders, Clock.systemUTC());
    }

    /** {@code clock} dates deadlines and step latencies: the system's, or a test's virtual one. */
    SagaEngine(SagaCatalog catalog, SagaStore sagas, TimelineLog timeline, StepMessages messages,
               SagaData sagaData, SagaMetrics metrics, MessageTracing tracing, ReplySenders senders, Clock clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.sagas = sagas;
        this.timeline = timeline;
        this.messages = messages;
        this.sagaData = sagaData;
        this.metrics = metrics;
        this.tracing = tracing;
        this.senders = senders;
        this.groups = new ParallelGroups(sagaData, timeline, messages, metrics, senders, clock);
        this.waits = new WaitingSteps(sagaData, timeline);
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
        if (!saga.status().isTerminal() && loaded.plan().state(saga.machineState()).isGroup()) {
            return groups.applyReply(this, loaded, saga, reply);
        }
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
        D data = expected.get().apply(sagaData.read(saga.data(), plan.definition().dataType()), reply.payload());
        String replies = keepsItsReply(plan, plan.state(state), event)
                ? sagaData.withReply(saga.stepReplies(), plan.state(state).step().name(), reply.payload())
                : saga.stepReplies();
        timeline.record(saga.id(), TimelineLog.Kind.REPLY_APPLIED, state, saga.attempt(),
                reply.envelope().messageId(), reply.envelope().type(), event.name());
        metrics.stepAnswered(saga.type(), state, Duration.between(saga.updatedAt(), clock.instant()));
        String reason = event == SagaEvent.FAILED
                ? state + " failed: " + FailureReasons.of(reply.payload()) : saga.failureReason();
        return advance(loaded, saga, event, data, replies, reason);
    }

    /** A compensatable step's success reply is kept for its compensation ({@link SagaData}); nothing else is. */
    private static boolean keepsItsReply(SagaPlan<?> plan, PlannedState<?> state, SagaEvent event) {
        return event == SagaEvent.SUCCEEDED && state.phase() == Phase.FORWARD
                && plan.definition().step(state.step().name()).isCompensatable();
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
        if (saga.attempt() == 0) {
            resend(saga.nextAttempt(at.dueAt(clock.instant(), 1)));
            return;
        }
        if (at.isGroup()) {
            sagas.update(groups.fireDue(this, loaded, saga));
            return;
        }
        String state = at.name();
        String silence = "no reply to " + state + " after " + saga.attempt() + " attempt(s)";
        metrics.deadlineFired(saga.type(), state);
        if (at.step().deadline().allowsAttempt(saga.attempt() + 1)) {
            SagaInstance again = saga.nextAttempt(at.dueAt(clock.instant(), saga.attempt() + 1));
            timeline.record(saga.id(), TimelineLog.Kind.DEADLINE_FIRED, state, again.attempt(), null, null,
                    silence + "; sending attempt " + again.attempt());
            resend(again);
            return;
        }
        switch (at.whenUnanswered()) {
            case FAIL -> {
                SagaInstance failed = saga.givenUp(SagaStatus.FAILED, silence + "; compensation abandoned");
                sagas.update(failed);
                timeline.record(saga.id(), TimelineLog.Kind.DEADLINE_FIRED, state, saga.attempt(), null, null,
                        failed.failureReason());
                messages.announceEnd(failed);
                metrics.ended(saga.type(), SagaStatus.FAILED, saga.createdAt());
            }
            case COMPENSATE -> {
                timeline.record(saga.id(), TimelineLog.Kind.DEADLINE_FIRED, state, saga.attempt(), null, null,
                        silence + "; compensating");
                abandon(saga, silence, silence);
            }
            case DECIDE_FAILED, DECIDE_SUCCEEDED -> sagas.update(waits.expired(this, loaded, saga));
            case STUCK -> {
                SagaInstance stuck = saga.givenUp(SagaStatus.STUCK,
                        silence + "; past the pivot, an operator must act");
                sagas.update(stuck);
                timeline.record(saga.id(), TimelineLog.Kind.SAGA_STUCK, state, saga.attempt(), null, null,
                        stuck.failureReason());
                metrics.stuck(saga.type(), state);
            }
        }
    }

    /**
     * Why the saga cannot take the signal now (it is not running, or its current step does not wait for a signal of
     * that name), or empty if it can.
     */
    public Optional<String> signalRefusal(SagaInstance saga, String name) {
        return waits.refusal(loaded(saga), saga, name);
    }

    /**
     * Decides the waiting step of a locked saga by an operator's signal, as {@link #signalRefusal} allows, and
     * persists the moved saga: the body changes the data as the step declares, and the signal means success or
     * failure of the step.
     */
    public void signal(SagaInstance saga, String name, Object body, String by) {
        sagas.update(waits.signalled(this, loaded(saga), saga, name, body, by));
    }

    /**
     * The saga's own deadline passed before it finished: before the pivot it is compensated as if its current step
     * went unanswered (its own compensation first); at or after the pivot it is {@code STUCK} for an operator. A
     * saga that is compensating already goes on doing so. Either way the deadline is gone: it fires once.
     */
    @Transactional
    public void fireSagaDeadline(UUID sagaId) {
        Optional<SagaInstance> due = sagas.lockIfFinishDue(sagaId);
        if (due.isEmpty()) {
            return;
        }
        SagaInstance saga = due.get().withoutFinishBy();
        LoadedSaga loaded = loaded(saga);
        PlannedState<?> at = loaded.plan().state(saga.machineState());
        String expired = "saga deadline of " + loaded.definition().finishWithin().map(Duration::toString)
                .orElse("its definition") + " expired at " + saga.machineState();
        if (saga.status() != SagaStatus.RUNNING || !at.hasStep()) {
            sagas.update(saga);
            return;
        }
        metrics.sagaDeadlineExpired(saga.type(), at.name());
        if (loaded.definition().isBeforePivot(at.step().name())) {
            timeline.record(saga.id(), TimelineLog.Kind.SAGA_DEADLINE_EXPIRED, at.name(), saga.attempt(), null,
                    null, expired + "; compensating");
            abandon(saga, expired, expired);
            return;
        }
        SagaInstance stuck = saga.givenUp(SagaStatus.STUCK, expired + "; past the pivot, an operator must act");
        sagas.update(stuck);
        timeline.record(saga.id(), TimelineLog.Kind.SAGA_DEADLINE_EXPIRED, at.name(), saga.attempt(), null, null,
                stuck.failureReason());
        metrics.stuck(saga.type(), at.name());
    }

    /**
     * Moves the saga on by the event, past the steps it skips ({@link EnteredState}), and writes what its new
     * state sends; the caller persists the moved saga (with the others of its batch). At an end the kept replies
     * go: nothing is left to compensate.
     */
    SagaInstance advance(LoadedSaga loaded, SagaInstance saga, SagaEvent event, Object data, String stepReplies,
                         String reason) {
        Instant now = clock.instant();
        EnteredState entered = EnteredState.of(loaded, loaded.next(saga.machineState(), event), data, stepReplies,
                now, sagaData);
        PlannedState<?> next = entered.state();
        SagaInstance moved = saga.movedTo(next, sagaData.write(data), next.isEnd() ? null : entered.stepReplies(),
                sagaData.write(entered.branches()), reason, entered.dueAt(now));
        entered.record(timeline, moved);
        messages.enter(loaded.plan(), moved, data);
        if (next.isEnd()) {
            metrics.ended(saga.type(), moved.status(), saga.createdAt());
        }
        return next.hasStep() && next.step().kind() == StepKind.WAIT
                ? waits.takingTheKeptDecision(this, loaded, moved) : moved;
    }

    /**
     * Decides the waiting step of a locked saga by its participant's event ({@link SagaDecisions}); the caller
     * persists the moved saga.
     */
    <D> SagaInstance decide(LoadedSaga loaded, SagaInstance saga, ExpectedSignal<D> decision, Object event,
                            String from) {
        return waits.decided(this, loaded, saga, decision, event, "event " + decision.name() + " from " + from,
                saga.stepReplies());
    }

    /**
     * Persists the saga as it now stands (its attempt, status and deadline) and sends its current state's message
     * again, with the same message id: a deadline's next attempt, or an operator's retry or resume.
     */
    public void resend(SagaInstance saga) {
        LoadedSaga loaded = loaded(saga);
        sagas.update(saga);
        messages.enter(loaded.plan(), saga, sagaData.read(saga.data(), loaded.definition().dataType()));
    }

    /**
     * Gives the current step up as if its last attempt went unanswered, and persists the moved saga: the saga data
     * records {@code why}, and the compensations run from there, the step's own first (its command may have taken
     * effect). A deadline does this after the last attempt, an operator at any time before the pivot.
     */
    public void abandon(SagaInstance saga, String why, String reason) {
        LoadedSaga loaded = loaded(saga);
        sagas.update(advance(loaded, saga, SagaEvent.TIMED_OUT, timedOut(loaded.definition(), saga, why),
                saga.stepReplies(), reason));
    }

    private <D> D timedOut(SagaDefinition<D> definition, SagaInstance saga, String why) {
        return definition.timedOut(sagaData.read(saga.data(), definition.dataType()), why);
    }

    /** The definition version the saga runs on: the one it started with, or the one a migration moved it to. */
    public LoadedSaga loaded(SagaInstance saga) {
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

    /** Records that the reply changed nothing, and why; the saga as it was. */
    SagaInstance ignore(SagaInstance saga, Envelope reply, String why) {
        LOG.info("Ignoring {} {} for saga {}: {}", reply.type(), reply.messageId(), saga.id(), why);
        timeline.record(saga.id(), TimelineLog.Kind.REPLY_IGNORED, reply.step(), reply.attempt(), reply.messageId(),
                reply.type(), why);
        return saga;
    }
}
