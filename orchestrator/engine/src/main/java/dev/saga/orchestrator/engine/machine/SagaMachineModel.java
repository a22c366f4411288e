package dev.saga.orchestrator.engine.machine;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The states and transitions a saga definition implies, grouped by source state, and the branches of each parallel
 * group ({@code groups}, by group, in declaration order):
 * <ul>
 *   <li>{@code NEW} on START goes to the first step;</li>
 *   <li>a step on SUCCEEDED goes to the next step, after the last to {@code COMPLETED};</li>
 *   <li>a step with failure replies on FAILED goes to the compensation of the latest compensatable step
 *       before it, or straight to {@code COMPENSATED} when nothing ran that needs undoing;</li>
 *   <li>a compensation on SUCCEEDED goes to the compensation of the previous compensatable step, after the
 *       first to {@code COMPENSATED};</li>
 *   <li>a step before the pivot on TIMED_OUT (no reply after its last attempt) goes to its own compensation,
 *       if it has one, since its command may have taken effect; else like FAILED;</li>
 *   <li>a parallel group is one state (named as the group; its branches are the engine's to track): on SUCCEEDED
 *       it goes on, on FAILED or TIMED_OUT to the compensation of its latest compensatable branch, whose chain runs
 *       through the other branches to the steps before the group.</li>
 * </ul>
 */
public record SagaMachineModel(String sagaType, List<String> states, List<Transition> transitions,
                               Map<String, List<String>> groups) {

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
        List<String> forward = definition.forwardPositions();
        transitions.add(new Transition(SagaStates.NEW, SagaEvent.START, forward.get(0)));
        for (String position : forward) {
            states.add(position);
            String next = definition.nextForwardPosition(position).orElse(SagaStates.COMPLETED);
            transitions.add(new Transition(position, SagaEvent.SUCCEEDED, next));
            if (definition.isGroup(position)) {
                String undo = firstCompensation(definition.compensationsOfGroup(position));
                transitions.add(new Transition(position, SagaEvent.FAILED, undo));
                transitions.add(new Transition(position, SagaEvent.TIMED_OUT, undo));
                continue;
            }
            SagaStep<D> step = definition.step(position);
            if (step.canFail()) {
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
        Map<String, List<String>> groups = new LinkedHashMap<>();
        forward.stream().filter(definition::isGroup).forEach(group -> groups.put(group,
                definition.branchesOf(group).stream().map(SagaStep::name).toList()));
        return new SagaMachineModel(definition.type(), List.copyOf(states), List.copyOf(transitions), groups);
    }

    private static String firstCompensation(List<? extends SagaStep<?>> latestFirst) {
        return latestFirst.isEmpty() ? SagaStates.COMPENSATED : SagaStates.compensating(latestFirst.get(0).name());
    }

    /**
     * A Mermaid {@code stateDiagram-v2}, grouped by source state like the model itself; a parallel group is drawn
     * as a composite state whose branches run between a fork and a join.
     */
    public String mermaid() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        groups.forEach((group, branches) -> {
            String g = id(group);
            out.append("    state ").append(g).append(" {\n");
            out.append("        state ").append(g).append("_fork <<fork>>\n");
            out.append("        state ").append(g).append("_join <<join>>\n");
            out.append("        [*] --> ").append(g).append("_fork\n");
            for (String branch : branches) {
                out.append("        ").append(g).append("_fork --> ").append(id(branch)).append('\n');
                out.append("        ").append(id(branch)).append(" --> ").append(g).append("_join\n");
            }
            out.append("        ").append(g).append("_join --> [*]\n");
            out.append("    }\n");
        });
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
