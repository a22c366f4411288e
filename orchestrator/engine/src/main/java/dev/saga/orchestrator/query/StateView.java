package dev.saga.orchestrator.query;

import dev.saga.orchestrator.engine.plan.ExpectedSignal;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.StepKind;
import dev.saga.orchestrator.engine.plan.WhenUnanswered;
import java.util.List;

/**
 * A state of a saga's plan, as a definition lists it and as a saga's position: the step it belongs to and that
 * step's kind (both null for {@code NEW} and the end states), which way the saga is going there, whether it is
 * an end, what happens when its last attempt goes unanswered (null where nothing is waited for), and the
 * signals a waiting step is decided by (none elsewhere).
 */
public record StateView(String name, String step, Phase phase, StepKind kind, boolean end,
                        WhenUnanswered whenUnanswered, List<String> signals) {

    static StateView of(PlannedState<?> state) {
        return new StateView(state.name(), state.hasStep() ? state.step().name() : null, state.phase(),
                state.hasStep() ? state.step().kind() : null, state.isEnd(), state.whenUnanswered(),
                state.operatorSignals().stream().map(ExpectedSignal::name).toList());
    }
}
