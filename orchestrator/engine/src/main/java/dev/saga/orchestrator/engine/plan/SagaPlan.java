package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.Deadline;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.ReplyHandling;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every state of one definition version, each resolved once into a {@link PlannedState} when the definition
 * loads, so that nothing reads meaning into a state's name while sagas run. A saga row stores where it stands
 * as a state name; {@link #positionsOf(String)} maps that back to the states it stands in, and a state's
 * {@code name} is what is stored.
 *
 * <p>Where a saga stands is a list of positions: a straight line of steps has one at a time, and parallel groups
 * will have several.
 *
 * @param <D> the saga data
 */
public final class SagaPlan<D> {

    private final SagaDefinition<D> definition;
    private final Map<String, PlannedStep> steps;
    private final Map<String, PlannedState<D>> states;

    private SagaPlan(SagaDefinition<D> definition, Map<String, PlannedStep> steps,
                     Map<String, PlannedState<D>> states) {
        this.definition = definition;
        this.steps = steps;
        this.states = states;
    }

    /**
     * Resolves each of the machine's states, in the machine's order, against the definition's steps and the
     * deadline policy; a state that no step explains fails the load.
     */
    public static <D> SagaPlan<D> of(SagaDefinition<D> definition, List<String> machineStates,
                                     DeadlinePolicy deadlines) {
        Map<String, PlannedStep> steps = new LinkedHashMap<>();
        Map<String, PlannedState<D>> resolvable = new HashMap<>();
        resolvable.put(SagaStates.NEW, PlannedState.withoutStep(SagaStates.NEW, Phase.FORWARD, SagaStatus.RUNNING));
        resolvable.put(SagaStates.COMPLETED,
                PlannedState.withoutStep(SagaStates.COMPLETED, Phase.FORWARD, SagaStatus.COMPLETED));
        resolvable.put(SagaStates.COMPENSATED,
                PlannedState.withoutStep(SagaStates.COMPENSATED, Phase.COMPENSATING, SagaStatus.COMPENSATED));
        for (SagaStep<D> step : definition.steps()) {
            Deadline declared = step.isWait() ? new Deadline(step.awaiting().timeout(), 1)
                    : definition.deadlineOf(step.name());
            StepDeadline effective = deadlines.resolve(declared);
            PlannedStep planned = new PlannedStep(step.name(), step.participant(),
                    step.isWait() ? StepKind.WAIT : StepKind.COMMAND, step.pivot(), step.retriable(), declared,
                    step.isWait() ? new StepDeadline(effective.timeout(), 1, effective.maxBackoffFactor()) : effective,
                    step.isConditional() ? step.condition().name() : null, step.delay(), step.group());
            steps.put(step.name(), planned);
            if (step.hasCommand()) {
                resolvable.put(step.name(), forward(definition, step, planned));
            }
            if (step.isWait()) {
                resolvable.put(step.name(), waiting(step, planned));
            }
            if (step.isCompensatable()) {
                resolvable.put(SagaStates.compensating(step.name()), compensation(definition, step, planned));
            }
        }
        for (String position : definition.forwardPositions()) {
            if (definition.isGroup(position)) {
                resolvable.put(position, group(definition, position, deadlines, resolvable));
            }
        }
        Map<String, PlannedState<D>> states = new LinkedHashMap<>();
        for (String name : machineStates) {
            PlannedState<D> state = resolvable.get(name);
            if (state == null) {
                throw new IllegalStateException("Saga " + definition + ": the machine's state " + name
                        + " belongs to no step");
            }
            states.put(name, state);
        }
        return new SagaPlan<>(definition, steps, states);
    }

    /** A forward step's state: its command, its success and failure replies, compensated before the pivot. */
    private static <D> PlannedState<D> forward(SagaDefinition<D> definition, SagaStep<D> step, PlannedStep planned) {
        List<ExpectedReply<D>> replies = new ArrayList<>(expected(step.successReplies(), SagaEvent.SUCCEEDED));
        replies.addAll(expected(step.failureReplies(), SagaEvent.FAILED));
        return new PlannedState<>(step.name(), planned, Phase.FORWARD, SagaStatus.RUNNING, replies,
                OutgoingMessage.of(definition.type(), step.participant(), step.commandType(), null,
                        (data, noReply) -> step.commandFor(data)),
                definition.isBeforePivot(step.name()) ? WhenUnanswered.COMPENSATE : WhenUnanswered.STUCK,
                step.condition(), List.of(), List.of());
    }

    /**
     * A parallel group's state: its branches' forward states, taken out of the machine's (a branch is not a state of
     * its own), with the group's deadline the longest of theirs, for a view of the group as a whole.
     */
    private static <D> PlannedState<D> group(SagaDefinition<D> definition, String group, DeadlinePolicy deadlines,
                                             Map<String, PlannedState<D>> resolvable) {
        List<PlannedState<D>> branches = definition.branchesOf(group).stream()
                .map(branch -> resolvable.remove(branch.name())).toList();
        Deadline longest = definition.branchesOf(group).stream().map(branch -> definition.deadlineOf(branch.name()))
                .max((a, b) -> a.timeout().multipliedBy(a.attempts()).compareTo(b.timeout().multipliedBy(b.attempts())))
                .orElseThrow();
        PlannedStep planned = new PlannedStep(group, null, StepKind.GROUP, false, false, longest,
                deadlines.resolve(longest), null, null, null);
        return new PlannedState<>(group, planned, Phase.FORWARD, SagaStatus.RUNNING, List.of(), null,
                definition.isBeforePivot(group) ? WhenUnanswered.COMPENSATE : WhenUnanswered.STUCK, null, branches,
                List.of());
    }

    /**
     * A waiting step's state: it sends nothing, is decided by its signals and events, and once its wait expired takes
     * the declared outcome (a wait's single attempt is the whole wait, whatever the attempts override says).
     */
    private static <D> PlannedState<D> waiting(SagaStep<D> step, PlannedStep planned) {
        List<ExpectedSignal<D>> signals = new ArrayList<>();
        step.awaiting().signals().forEach(signal -> signals.add(new ExpectedSignal<>(signal.name(),
                signal.success() ? SagaEvent.SUCCEEDED : SagaEvent.FAILED, signal.body(), null)));
        step.awaiting().events().forEach(event -> signals.add(new ExpectedSignal<>(
                MessageTypes.nameOf(event.type()), event.success() ? SagaEvent.SUCCEEDED : SagaEvent.FAILED,
                event.body(), event.businessKey())));
        return new PlannedState<>(step.name(), planned, Phase.FORWARD, SagaStatus.RUNNING, List.of(), null,
                step.awaiting().succeedsOnExpiry() ? WhenUnanswered.DECIDE_SUCCEEDED : WhenUnanswered.DECIDE_FAILED,
                step.condition(), List.of(), signals);
    }

    /** A step's compensation: its compensating command, confirmed by its replies; it cannot fail by reply. */
    private static <D> PlannedState<D> compensation(SagaDefinition<D> definition, SagaStep<D> step,
                                                    PlannedStep planned) {
        return new PlannedState<>(SagaStates.compensating(step.name()), planned, Phase.COMPENSATING,
                SagaStatus.COMPENSATING, expected(step.compensationReplies(), SagaEvent.SUCCEEDED),
                OutgoingMessage.of(definition.type(), step.participant(), step.compensationType(),
                        step.compensationReads(), step::compensationFor),
                WhenUnanswered.FAIL, null, List.of(), List.of());
    }

    private static <D> List<ExpectedReply<D>> expected(List<ReplyHandling<D>> replies, SagaEvent outcome) {
        return replies.stream().map(reply -> new ExpectedReply<>(outcome, reply)).toList();
    }

    public SagaDefinition<D> definition() {
        return definition;
    }

    /** Every step in business order, compensation-only ones included. */
    public List<PlannedStep> steps() {
        return List.copyOf(steps.values());
    }

    public PlannedStep step(String name) {
        PlannedStep step = steps.get(name);
        if (step == null) {
            throw new IllegalArgumentException("Saga " + definition + " has no step " + name);
        }
        return step;
    }

    /** Every state in the machine's order: {@code NEW}, the forward steps, the compensations, the ends. */
    public List<PlannedState<D>> states() {
        return List.copyOf(states.values());
    }

    /** The state of that name; throws if the definition has none, since a running saga is always in one. */
    public PlannedState<D> state(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Saga " + definition + " has no state "
                + name + " (it has " + states.keySet() + ")"));
    }

    public Optional<PlannedState<D>> find(String name) {
        return Optional.ofNullable(states.get(name));
    }

    /**
     * The states a saga whose row stores {@code storedState} stands in, each once: the state itself, or in a
     * parallel group each of its branches; none for an unknown name.
     */
    public List<PlannedState<D>> positionsOf(String storedState) {
        return find(storedState).map(state -> state.isGroup() ? state.branches() : List.of(state)).orElse(List.of());
    }

    /**
     * The state that stamps its messages with this step name: a state of the machine, or a branch of a parallel
     * group (whose messages name the branch).
     */
    public Optional<PlannedState<D>> stateOrBranch(String step) {
        return find(step).or(() -> states.values().stream().flatMap(state -> state.branch(step).stream())
                .findFirst());
    }
}
