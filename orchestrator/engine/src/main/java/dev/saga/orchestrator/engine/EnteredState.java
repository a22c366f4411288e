package dev.saga.orchestrator.engine;

import dev.saga.orchestrator.engine.Branches.Branch;
import dev.saga.orchestrator.engine.Branches.Status;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a saga entering a state really stops, and how it stands there. A forward step whose condition does not hold
 * is passed over as if it had succeeded, and so is the compensation of a step with nothing to undo (one that was
 * passed over, or a branch that failed by reply), until a state that sends something, or an end. A skipped step
 * that could be compensated is marked in the kept replies ({@link SagaData#withNothingToUndo}), so its
 * compensation knows later, whatever the data says by then. Entering a parallel group starts each of its branches
 * whose condition holds, at attempt 1; a group whose branches are all skipped is passed over too.
 *
 * @param state       the state the saga stops in
 * @param stepReplies its kept replies, with the marks of skipped steps
 * @param branches    its branches, if it stopped in a parallel group (empty otherwise)
 * @param skipped     what was passed over on the way, for the timeline
 */
record EnteredState(PlannedState<?> state, String stepReplies, Branches branches, List<Skip> skipped) {

    /** A state passed over, and why, for its {@code STEP_SKIPPED} line. */
    record Skip(String state, String why) {
    }

    static EnteredState of(LoadedSaga loaded, PlannedState<?> state, Object data, String stepReplies, Instant now,
                           SagaData sagaData) {
        List<Skip> skipped = new ArrayList<>();
        PlannedState<?> at = state;
        String replies = stepReplies;
        while (true) {
            if (at.isGroup()) {
                Map<String, Branch> branches = new LinkedHashMap<>();
                for (PlannedState<?> branch : at.branches()) {
                    if (skips(branch, data)) {
                        replies = skip(loaded, branch, replies, skipped, sagaData);
                        branches.put(branch.name(), new Branch(Status.SKIPPED, 0, null));
                    } else {
                        branches.put(branch.name(), new Branch(Status.PENDING, 1, branch.dueAt(now, 1)));
                    }
                }
                Branches started = new Branches(branches);
                if (!started.settled()) {
                    return new EnteredState(at, replies, started, List.copyOf(skipped));
                }
            } else if (at.phase() == Phase.FORWARD && skips(at, data)) {
                replies = skip(loaded, at, replies, skipped, sagaData);
            } else if (at.phase() == Phase.COMPENSATING && at.hasStep()) {
                Optional<String> why = sagaData.nothingToUndo(replies, at.step().name());
                if (why.isEmpty()) {
                    return new EnteredState(at, replies, new Branches(Map.of()), List.copyOf(skipped));
                }
                skipped.add(new Skip(at.name(), "not compensated: " + at.step().name() + " " + why.get()));
            } else {
                return new EnteredState(at, replies, new Branches(Map.of()), List.copyOf(skipped));
            }
            at = loaded.next(at.name(), SagaEvent.SUCCEEDED);
        }
    }

    private static String skip(LoadedSaga loaded, PlannedState<?> step, String replies, List<Skip> skipped,
                               SagaData sagaData) {
        String condition = step.step().condition();
        skipped.add(new Skip(step.name(), "condition '" + condition + "' does not hold"));
        return loaded.definition().step(step.step().name()).isCompensatable()
                ? sagaData.withNothingToUndo(replies, step.step().name(), "was skipped (condition '" + condition
                + "')") : replies;
    }

    @SuppressWarnings("unchecked")
    private static <D> boolean skips(PlannedState<D> state, Object data) {
        return state.skips((D) data);
    }

    /** When the saga's step timer is due here: the earliest pending branch in a group, else the state's own. */
    Instant dueAt(Instant now) {
        return state.isGroup() ? branches.nextDue() : state.dueAt(now, state.firstAttempt());
    }

    void record(TimelineLog timeline, SagaInstance saga) {
        for (Skip skip : skipped) {
            timeline.record(saga.id(), TimelineLog.Kind.STEP_SKIPPED, skip.state(), null, null, null, skip.why());
        }
    }
}
