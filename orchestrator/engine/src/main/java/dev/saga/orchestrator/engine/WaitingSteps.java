package dev.saga.orchestrator.engine;

import dev.saga.definition.MessageTypes;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.ExpectedSignal;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import dev.saga.orchestrator.engine.plan.WhenUnanswered;
import java.util.Optional;

/**
 * How a saga moves on from a step that waits for a decision from outside: an operator's signal or its participant's
 * event decides it (success or failure, as the step declares each), or its wait expires and it takes the declared
 * outcome. The step sends nothing; its one deadline is the wait.
 */
final class WaitingSteps {

    private final SagaData sagaData;
    private final TimelineLog timeline;

    WaitingSteps(SagaData sagaData, TimelineLog timeline) {
        this.sagaData = sagaData;
        this.timeline = timeline;
    }

    /** Why the saga cannot take the signal now, or empty if it can. */
    Optional<String> refusal(LoadedSaga loaded, SagaInstance saga, String name) {
        PlannedState<?> at = loaded.plan().state(saga.machineState());
        if (saga.status() != SagaStatus.RUNNING) {
            return Optional.of("saga is " + saga.status() + ", not waiting for a signal");
        }
        if (at.expectingSignal(name).isEmpty()) {
            return Optional.of("saga is at " + at.name() + ", which " + (at.operatorSignals().isEmpty()
                    ? "does not wait for a signal" : "waits for " + at.operatorSignals().stream()
                    .map(ExpectedSignal::name)
                    .toList() + ", not " + name));
        }
        return Optional.empty();
    }

    /** The saga after the operator's signal decided its waiting step; the caller persists it. */
    <D> SagaInstance signalled(SagaEngine engine, LoadedSaga loaded, SagaInstance saga, String name, Object body,
                               String by) {
        @SuppressWarnings("unchecked")
        PlannedState<D> at = (PlannedState<D>) loaded.plan().state(saga.machineState());
        ExpectedSignal<D> signal = at.expectingSignal(name).orElseThrow(() -> new IllegalStateException(
                refusal(loaded, saga, name).orElse("no signal " + name)));
        return decided(engine, loaded, saga, signal, body, "signal " + name + " by " + by, saga.stepReplies());
    }

    /**
     * The saga after a decision (an operator's signal, or its participant's event, {@code how} saying which)
     * decided its waiting step; the caller persists it.
     */
    <D> SagaInstance decided(SagaEngine engine, LoadedSaga loaded, SagaInstance saga, ExpectedSignal<D> decision,
                             Object body, String how, String stepReplies) {
        String at = saga.machineState();
        @SuppressWarnings("unchecked")
        D data = decision.apply(sagaData.read(saga.data(), (Class<D>) loaded.definition().dataType()), body);
        timeline.record(saga.id(), TimelineLog.Kind.SIGNAL_RECEIVED, at, saga.attempt(), null,
                MessageTypes.nameOf(body.getClass()), how + ": " + decision.outcome());
        return engine.advance(loaded, saga, decision.outcome(), data, stepReplies,
                decision.outcome() == SagaEvent.FAILED ? at + " failed: " + how : saga.failureReason());
    }

    /**
     * A saga that has just entered its waiting step: decided there and then by the event kept for it (one that
     * came before the saga got there), or as it is when none was kept.
     */
    SagaInstance takingTheKeptDecision(SagaEngine engine, LoadedSaga loaded, SagaInstance saga) {
        PlannedState<?> at = loaded.plan().state(saga.machineState());
        return sagaData.keptDecisionType(saga.stepReplies(), at.name())
                .flatMap(type -> at.signals().stream().filter(s -> s.isEvent() && s.name().equals(type)).findFirst())
                .map(decision -> decided(engine, loaded, saga, decision,
                        sagaData.keptDecision(saga.stepReplies(), at.name(), decision.bodyType()),
                        "event " + decision.name() + " (kept until the saga got here)",
                        sagaData.without(saga.stepReplies(), at.name())))
                .orElse(saga);
    }

    /** The saga after its wait expired undecided: the step takes its declared outcome. */
    SagaInstance expired(SagaEngine engine, LoadedSaga loaded, SagaInstance saga) {
        PlannedState<?> at = loaded.plan().state(saga.machineState());
        boolean succeeds = at.whenUnanswered() == WhenUnanswered.DECIDE_SUCCEEDED;
        String expired = "the wait of " + at.name() + " expired undecided; it " + (succeeds ? "succeeds" : "fails")
                + " as declared";
        timeline.record(saga.id(), TimelineLog.Kind.DEADLINE_FIRED, at.name(), saga.attempt(), null, null, expired);
        return engine.advance(loaded, saga, succeeds ? SagaEvent.SUCCEEDED : SagaEvent.FAILED,
                sagaData.read(saga.data(), loaded.definition().dataType()), saga.stepReplies(),
                succeeds ? saga.failureReason() : expired);
    }
}
