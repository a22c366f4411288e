package dev.saga.orchestrator.engine;

import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a saga entering a state really stops: a forward step whose condition does not hold is passed over as if it
 * had succeeded, and so is the compensation of a step that was passed over (it did nothing to undo), until a state
 * that sends something, or an end. A skipped step that could be compensated is marked in the kept replies
 * ({@link SagaData#withSkip}), so its compensation knows later, whatever the data says by then.
 */
final class SkippedSteps {

    /** The state the saga stops in, its kept replies with the marks of skipped steps, and what was skipped. */
    record Entered(PlannedState<?> state, String stepReplies, List<Skip> skipped) {
    }

    /** A state passed over, and why, for its {@code STEP_SKIPPED} line. */
    record Skip(String state, String why) {
    }

    private SkippedSteps() {
    }

    static Entered enter(LoadedSaga loaded, PlannedState<?> state, Object data, String stepReplies,
                         SagaData sagaData) {
        List<Skip> skipped = new ArrayList<>();
        PlannedState<?> at = state;
        String replies = stepReplies;
        while (true) {
            if (at.phase() == Phase.FORWARD && skips(at, data)) {
                String condition = at.step().condition();
                skipped.add(new Skip(at.name(), "condition '" + condition + "' does not hold"));
                if (loaded.definition().step(at.step().name()).isCompensatable()) {
                    replies = sagaData.withSkip(replies, at.step().name(), condition);
                }
            } else if (at.phase() == Phase.COMPENSATING && at.hasStep()
                    && sagaData.wasSkipped(replies, at.step().name())) {
                skipped.add(new Skip(at.name(), "not compensated: " + at.step().name() + " was skipped (condition '"
                        + at.step().condition() + "')"));
            } else {
                return new Entered(at, replies, List.copyOf(skipped));
            }
            at = loaded.next(at.name(), SagaEvent.SUCCEEDED);
        }
    }

    @SuppressWarnings("unchecked")
    private static <D> boolean skips(PlannedState<D> state, Object data) {
        return state.skips((D) data);
    }

    static void record(TimelineLog timeline, SagaInstance saga, Entered entered) {
        for (Skip skip : entered.skipped()) {
            timeline.record(saga.id(), TimelineLog.Kind.STEP_SKIPPED, skip.state(), null, null, null, skip.why());
        }
    }
}
