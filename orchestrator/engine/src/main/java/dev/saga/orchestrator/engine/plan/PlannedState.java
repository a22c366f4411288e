package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.StepCondition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One state of a saga's machine, resolved once when its definition loads: the step it belongs to, which way the
 * saga is going in it, the status a saga shows there, the replies it waits for and what each means, the message
 * it sends, and what happens when its last attempt goes unanswered. {@code NEW} and the end states are entries
 * too: they have no step, expect nothing and send nothing ({@code step}, {@code message} and
 * {@code whenUnanswered} are null). {@code condition} is the step's condition in its forward state (null in every
 * other state, and for a step that always runs): a saga entering the state skips it when the condition fails.
 * A parallel group's state has the group as its step (of kind {@code GROUP}), no message of its own, and its
 * {@code branches}: each branch's forward state, which the saga stands in all at once (no machine state of their
 * own). Every other state has none. A step that waits for a decision sends nothing and has the {@code signals}
 * that decide it: an operator's, and its participant's events.
 *
 * @param <D> the saga data
 */
public record PlannedState<D>(String name, PlannedStep step, Phase phase, SagaStatus status,
                              List<ExpectedReply<D>> replies, OutgoingMessage<D> message,
                              WhenUnanswered whenUnanswered, StepCondition<D> condition,
                              List<PlannedState<D>> branches, List<ExpectedSignal<D>> signals) {

    public PlannedState {
        replies = List.copyOf(replies);
        branches = List.copyOf(branches);
        signals = List.copyOf(signals);
    }

    /** A state without a step: the start, or an end. */
    static <D> PlannedState<D> withoutStep(String name, Phase phase, SagaStatus status) {
        return new PlannedState<>(name, null, phase, status, List.of(), null, null, null, List.of(), List.of());
    }

    /** Whether a saga here waits on a step, rather than not having started or having ended. */
    public boolean hasStep() {
        return step != null;
    }

    /** Whether a saga entering this state with {@code data} skips it: its step's condition does not hold. */
    public boolean skips(D data) {
        return condition != null && !condition.holdsFor(data);
    }

    public boolean isGroup() {
        return !branches.isEmpty();
    }

    /** The branch of this group of that name, if it is one. */
    public Optional<PlannedState<D>> branch(String name) {
        return branches.stream().filter(branch -> branch.name().equals(name)).findFirst();
    }

    /** What the operator's signal of that name means here, if this state waits for it. */
    public Optional<ExpectedSignal<D>> expectingSignal(String name) {
        return operatorSignals().stream().filter(signal -> signal.name().equals(name)).findFirst();
    }

    /** What a participant's event of this type means here, if this state waits for it. */
    public Optional<ExpectedSignal<D>> expectingEvent(Class<?> eventType) {
        return signals.stream().filter(signal -> signal.isEvent() && signal.bodyType() == eventType).findFirst();
    }

    /** The signals an operator may send here through the admin API (not the events that decide it). */
    public List<ExpectedSignal<D>> operatorSignals() {
        return signals.stream().filter(signal -> !signal.isEvent()).toList();
    }

    public boolean isEnd() {
        return status.isTerminal();
    }

    /** What a reply of this type means here, if this state waits for it. */
    public Optional<ExpectedReply<D>> expecting(Class<?> replyType) {
        return replies.stream().filter(reply -> reply.type() == replyType).findFirst();
    }

    /**
     * The attempt a saga entering this state is at: 1, its message sent on entry; or 0 in a delayed step's forward
     * state, waiting out the delay before attempt 1 is sent.
     */
    public int firstAttempt() {
        return hasStep() && phase == Phase.FORWARD && step.delay() != null ? 0 : 1;
    }

    /**
     * When attempt {@code attempt} of this state's message, sent at {@code sentAt}, is overdue; for attempt 0, when
     * the delay entered at {@code sentAt} is over. Null if nothing is due.
     */
    public Instant dueAt(Instant sentAt, int attempt) {
        if (!hasStep()) {
            return null;
        }
        return sentAt.plus(attempt == 0 ? step.delay() : step.deadline().timeoutOf(attempt));
    }
}
