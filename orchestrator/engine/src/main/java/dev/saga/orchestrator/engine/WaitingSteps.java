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
 * How a saga moves on from a step that waits for a decision from outside: an operator's signal decides it (success
 * or failure, as the step declares the signal), or its wait expires and it takes the declared outcome. The step
 * sends nothing; its one deadline is the wait.
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
            return Optional.of("saga is at " + at.name() + ", which " + (at.signals().isEmpty()
                    ? "does not wait for a signal" : "waits for " + at.signals().stream().map(ExpectedSignal::name)
                    .toList() + ", not " + name));
        }
        return Optional.empty();
    }

    /** The saga after the signal decided its waiting step; the caller persists it. */
    <D> SagaInstance signalled(SagaEngine engine, LoadedSaga loaded, SagaInstance saga, String name, Object body,
                               String by) {
        @SuppressWarnings("unchecked")
        PlannedState<D> at = (PlannedState<D>) loaded.plan().state(saga.machineState());
        ExpectedSignal<D> signal = at.expectingSignal(name).orElseThrow(() -> new IllegalStateException(
                refusal(loaded, saga, name).orElse("no signal " + name)));
        @SuppressWarnings("unchecked")
        D data = signal.apply(sagaData.read(saga.data(), (Class<D>) loaded.definition().dataType()), body);
        timeline.record(saga.id(), TimelineLog.Kind.SIGNAL_RECEIVED, at.name(), saga.attempt(), null,
                MessageTypes.nameOf(body.getClass()), name + " by " + by + ": " + signal.outcome());
        return engine.advance(loaded, saga, signal.outcome(), data, saga.stepReplies(),
                signal.outcome() == SagaEvent.FAILED ? at.name() + " failed: signal " + name + " by " + by
                        : saga.failureReason());
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
