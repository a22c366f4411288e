package dev.saga.definition;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One step of a saga: the participant it talks to, the command it sends (built from the saga data), the
 * replies meaning success or failure, and the compensation that undoes it.
 *
 * <p>{@code deadline} is the step's own reply deadline, or null for the saga's default. {@code condition} says when
 * the step runs, or is null when it always does. {@code delay} is how long the saga waits on reaching the step
 * before it sends the command, or null to send it at once. {@code group} names the parallel group the step is a branch
 * of, or is null for a step of its own. {@code awaiting} is what a step that waits for a decision from outside waits
 * for (it sends no command), or null.
 *
 * <p>A compensation is built from the saga data and the step's success reply of type {@code compensationReads}:
 * present when that reply arrived, empty when it never came (the step timed out or was given up, and its command
 * may still have taken effect). A step without a command is compensation-only: its forward work happened before
 * the saga started (the order was created by the order service), so it has no reply to read
 * ({@code compensationReads} is null), but it still has something to undo.
 */
public record SagaStep<D>(
        String name,
        String participant,
        Class<?> commandType,
        Function<D, ?> command,
        List<ReplyHandling<D>> successReplies,
        List<ReplyHandling<D>> failureReplies,
        Class<?> compensationType,
        Class<?> compensationReads,
        BiFunction<D, Optional<?>, ?> compensation,
        List<ReplyHandling<D>> compensationReplies,
        boolean pivot,
        boolean retriable,
        Deadline deadline,
        StepCondition<D> condition,
        Duration delay,
        String group,
        StepWait<D> awaiting) {

    public boolean hasCommand() {
        return command != null;
    }

    public boolean isConditional() {
        return condition != null;
    }

    public boolean isWait() {
        return awaiting != null;
    }

    /** Whether the saga stands in this step going forward: it sends a command, or waits for a decision. */
    public boolean isForward() {
        return hasCommand() || isWait();
    }

    /** Whether the step can fail going forward: by a failure reply, or by a waiting step's decision or expiry. */
    public boolean canFail() {
        return !failureReplies.isEmpty() || (isWait() && awaiting.canFail());
    }

    public boolean isBranch() {
        return group != null;
    }

    public boolean isDelayed() {
        return delay != null;
    }

    public boolean isCompensatable() {
        return compensation != null;
    }

    public Object commandFor(D data) {
        return command.apply(data);
    }

    /**
     * The command that undoes this step, for the saga data and the step's success reply if it arrived; a reply of
     * another type than the compensation reads counts as none.
     */
    public Object compensationFor(D data, Optional<?> successReply) {
        return compensation.apply(data, successReply.filter(reply -> compensationReads != null
                && compensationReads.isInstance(reply)));
    }

    public Optional<ReplyHandling<D>> successReply(Class<?> replyType) {
        return find(successReplies, replyType);
    }

    public Optional<ReplyHandling<D>> failureReply(Class<?> replyType) {
        return find(failureReplies, replyType);
    }

    public Optional<ReplyHandling<D>> compensationReply(Class<?> replyType) {
        return find(compensationReplies, replyType);
    }

    private static <D> Optional<ReplyHandling<D>> find(List<ReplyHandling<D>> replies, Class<?> replyType) {
        return replies.stream().filter(r -> r.replyType() == replyType).findFirst();
    }
}
