package dev.saga.orchestrator.engine;

import dev.saga.definition.SagaDefinition;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MalformedMessageException;
import dev.saga.messaging.MessageTracing;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.ExpectedSignal;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Applies the events participants publish to decide waiting steps (e.g. {@code risk.FraudReviewCleared}), a batch
 * at a time as they arrive on {@code orchestrator.decisions}. An event names no saga: the saga it decides is the
 * one of each type that waits for it whose business key the event carries ({@link SagaDefinition#sagaIdFor}).
 * Under that saga's row lock, the event:
 * <ul>
 *   <li>decides the step, if the saga waits there for it;</li>
 *   <li>is kept in the saga row, if the saga has not reached the step yet (the participant was quicker than the
 *       steps before it), and decides the step the moment the saga gets there;</li>
 *   <li>is ignored, with a timeline line saying why, if the saga is past the step, or ended, or a decision is kept
 *       already (a duplicate), or the sender is not the step's participant.</li>
 * </ul>
 * An event for a saga that does not exist yet (its start event is still on its way) fails, so the consumer retries
 * it after its retry tiers' delays, and parks it with the reason after the last one.
 */
@Service
public class SagaDecisions {

    /** The queue participants' decision events arrive on; their spans name it. */
    public static final String QUEUE = "orchestrator.decisions";

    private static final Logger LOG = LoggerFactory.getLogger(SagaDecisions.class);

    /** The definitions a type of event decides a step of, one per saga type (its ids are the type's). */
    private final Map<Class<?>, List<Decided>> decidedBy = new HashMap<>();
    private final SagaStore sagas;
    private final SagaEngine engine;
    private final SagaData sagaData;
    private final TimelineLog timeline;
    private final ReplySenders senders;
    private final MessageTracing tracing;

    private record Decided(SagaDefinition<?> definition, ExpectedSignal<?> decision) {

        UUID sagaIdFor(Object event) {
            return definition.sagaIdFor(decision.businessKey().apply(event));
        }
    }

    SagaDecisions(SagaCatalog catalog, SagaStore sagas, SagaEngine engine, SagaData sagaData, TimelineLog timeline,
                  ReplySenders senders, MessageTracing tracing) {
        this.sagas = sagas;
        this.engine = engine;
        this.sagaData = sagaData;
        this.timeline = timeline;
        this.senders = senders;
        this.tracing = tracing;
        Set<String> seen = new LinkedHashSet<>();
        for (LoadedSaga loaded : catalog.allVersions()) {
            loaded.plan().states().stream().flatMap(state -> state.signals().stream()).filter(ExpectedSignal::isEvent)
                    .filter(decision -> seen.add(loaded.definition().type() + " " + decision.name()))
                    .forEach(decision -> decidedBy.computeIfAbsent(decision.bodyType(), type -> new ArrayList<>())
                            .add(new Decided(loaded.definition(), decision)));
        }
    }

    /** The event types some loaded saga waits for: what the decision queue is bound to. */
    public Set<Class<?>> eventTypes() {
        return Set.copyOf(decidedBy.keySet());
    }

    /**
     * Applies a batch of decision events in one transaction: one statement locks every saga they decide in id
     * order, the events apply in delivery order, and one statement writes every saga that moved or kept one.
     */
    @Transactional
    public void decideAll(List<IncomingMessage> events) {
        Map<IncomingMessage, List<UUID>> targets = new LinkedHashMap<>();
        for (IncomingMessage event : events) {
            List<Decided> decided = decidedBy.get(event.payload().getClass());
            if (decided == null) {
                throw new MalformedMessageException("No waiting step of a loaded saga is decided by "
                        + event.envelope().type());
            }
            targets.put(event, decided.stream().map(d -> d.sagaIdFor(event.payload())).toList());
        }
        Map<UUID, SagaInstance> current = sagas.lockAll(targets.values().stream().flatMap(List::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        Map<UUID, SagaInstance> changed = new LinkedHashMap<>();
        targets.forEach((event, ids) -> tracing.within(event, QUEUE, () -> {
            for (UUID id : ids) {
                SagaInstance before = Optional.ofNullable(current.get(id)).orElseThrow(() ->
                        new IllegalStateException("No saga " + id + " for " + event.envelope().type() + " "
                                + event.envelope().messageId() + " yet; its start may still be on its way"));
                SagaInstance after = decided(before, event);
                if (after != before) {
                    current.put(id, after);
                    changed.put(id, after);
                }
            }
        }));
        sagas.updateAll(List.copyOf(changed.values()));
    }

    /** The saga after the event: decided, keeping it, or the same instance if it does not apply. */
    private SagaInstance decided(SagaInstance saga, IncomingMessage event) {
        LoadedSaga loaded = engine.loaded(saga);
        Class<?> type = event.payload().getClass();
        Optional<? extends PlannedState<?>> waiting = loaded.plan().states().stream()
                .filter(state -> state.expectingEvent(type).isPresent()).findFirst();
        if (waiting.isEmpty()) {
            return ignore(saga, null, event, loaded.definition() + " has no step waiting for it");
        }
        PlannedState<?> wait = waiting.get();
        String participant = wait.step().participant();
        String impostor = senders.eventRefusal(participant, event.origin());
        if (impostor != null) {
            LOG.warn("Refusing {} {} for saga {}: {}", event.envelope().type(), event.envelope().messageId(),
                    saga.id(), impostor);
            return ignore(saga, wait, event, impostor);
        }
        if (saga.status() == SagaStatus.RUNNING && saga.machineState().equals(wait.name())) {
            return engine.decide(loaded, saga, wait.expectingEvent(type).orElseThrow(), event.payload(),
                    participant);
        }
        if (!isAhead(loaded, saga, wait)) {
            return ignore(saga, wait, event, "saga is " + saga.status() + " at " + saga.machineState()
                    + ", not before or at " + wait.name());
        }
        Optional<String> kept = sagaData.keptDecisionType(saga.stepReplies(), wait.name());
        if (kept.isPresent()) {
            return ignore(saga, wait, event, "a decision for " + wait.name() + " is kept already (" + kept.get()
                    + ")");
        }
        timeline.record(saga.id(), TimelineLog.Kind.DECISION_KEPT, wait.name(), null, event.envelope().messageId(),
                event.envelope().type(), "saga is at " + saga.machineState() + "; kept until it reaches "
                        + wait.name());
        return saga.withStepReplies(sagaData.withKeptDecision(saga.stepReplies(), wait.name(), event.payload()));
    }

    /** Whether the running saga has still to reach the waiting step: it is going forward, at an earlier step. */
    private static boolean isAhead(LoadedSaga loaded, SagaInstance saga, PlannedState<?> wait) {
        if (saga.status() != SagaStatus.RUNNING
                || loaded.plan().state(saga.machineState()).phase() != Phase.FORWARD) {
            return false;
        }
        List<String> positions = loaded.definition().forwardPositions();
        int at = positions.indexOf(saga.machineState());
        return at >= 0 && at < positions.indexOf(wait.name());
    }

    private SagaInstance ignore(SagaInstance saga, PlannedState<?> wait, IncomingMessage event, String why) {
        LOG.info("Ignoring {} {} for saga {}: {}", event.envelope().type(), event.envelope().messageId(), saga.id(),
                why);
        timeline.record(saga.id(), TimelineLog.Kind.REPLY_IGNORED, wait == null ? null : wait.name(), null,
                event.envelope().messageId(), event.envelope().type(), why);
        return saga;
    }
}
