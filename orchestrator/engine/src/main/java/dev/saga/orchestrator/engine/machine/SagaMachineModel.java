package dev.saga.orchestrator.engine.machine;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaStates;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The states and transitions a saga definition implies, grouped by source state:
 * <ul>
 *   <li>{@code NEW} on START goes to the first step;</li>
 *   <li>a step on SUCCEEDED goes to the next step, after the last to {@code COMPLETED};</li>
 *   <li>a step with failure replies on FAILED goes to the compensation of the latest compensatable step
 *       before it, or straight to {@code COMPENSATED} when nothing ran that needs undoing;</li>
 *   <li>a compensation on SUCCEEDED goes to the compensation of the previous compensatable step, after the
 *       first to {@code COMPENSATED};</li>
 *   <li>a step before the pivot on TIMED_OUT (no reply after its last attempt) goes to its own compensation,
 *       if it has one, since its command may have taken effect; else like FAILED.</li>
 * </ul>
 */
public record SagaMachineModel(String sagaType, List<String> states, List<Transition> transitions) {

    /** One external transition: from a state, on an event, to a state. */
    public record Transition(String source, SagaEvent event, String target) {
    }

    public static SagaMachineModel of(SagaDefinition<?> definition) {
        return build(definition);
    }

    private static <D> SagaMachineModel build(SagaDefinition<D> definition) {
        Set<String> states = new LinkedHashSet<>();
        List<Transition> transitions = new ArrayList<>();
        states.add(SagaStates.NEW);
        List<SagaStep<D>> forward = definition.forwardSteps();
        transitions.add(new Transition(SagaStates.NEW, SagaEvent.START, forward.get(0).name()));
        for (SagaStep<D> step : forward) {
            states.add(step.name());
            String next = definition.nextForwardStep(step.name()).map(SagaStep::name).orElse(SagaStates.COMPLETED);
            transitions.add(new Transition(step.name(), SagaEvent.SUCCEEDED, next));
            if (!step.failureReplies().isEmpty()) {
                transitions.add(new Transition(step.name(), SagaEvent.FAILED,
                        firstCompensation(definition.compensationsBefore(step.name()))));
            }
            if (definition.isBeforePivot(step.name())) {
                transitions.add(new Transition(step.name(), SagaEvent.TIMED_OUT,
                        firstCompensation(definition.compensationsAfterTimeout(step.name()))));
            }
        }
        for (SagaStep<D> step : definition.steps()) {
            if (step.isCompensatable()) {
                String state = SagaStates.compensating(step.name());
                states.add(state);
                transitions.add(new Transition(state, SagaEvent.SUCCEEDED,
                        firstCompensation(definition.compensationsBefore(step.name()))));
            }
        }
        states.add(SagaStates.COMPLETED);
        states.add(SagaStates.COMPENSATED);
        return new SagaMachineModel(definition.type(), List.copyOf(states), List.copyOf(transitions));
    }

    private static String firstCompensation(List<? extends SagaStep<?>> latestFirst) {
        return latestFirst.isEmpty() ? SagaStates.COMPENSATED : SagaStates.compensating(latestFirst.get(0).name());
    }

    /** A Mermaid {@code stateDiagram-v2}, grouped by source state like the model itself. */
    public String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        out.append("    [*] --> ").append(id(SagaStates.NEW)).append('\n');
        for (Transition t : transitions) {
            out.append("    ").append(id(t.source())).append(" --> ").append(id(t.target()))
                    .append(" : ").append(t.event()).append('\n');
        }
        out.append("    ").append(id(SagaStates.COMPLETED)).append(" --> [*]\n");
        out.append("    ").append(id(SagaStates.COMPENSATED)).append(" --> [*]\n");
        return out.toString();
    }

    private static String id(String state) {
        return state.replace('-', '_');
    }
}
