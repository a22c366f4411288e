package dev.saga.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules a definition must follow; broken rules fail at build time, not in a running saga.
 *
 * <p>A command that declares its replies ({@link dev.saga.contract.Command}) is answered by exactly those, so a step
 * that sends it expects exactly those, each as success or failure (and a compensation is confirmed by its
 * command's one reply): a reply the step does not expect would leave the saga waiting for its deadline, and one the
 * command does not declare would never come. The participant's handler is held to the same declaration, so the
 * command's record is the one place that says what answers it.
 */
final class SagaDefinitionRules {

    private SagaDefinitionRules() {
    }

    static <D> void check(SagaDefinition<D> definition) {
        String where = "Saga " + definition.type() + ": ";
        require(definition.type().matches("[a-z][a-z0-9-]*"), where + "type must be kebab-case");
        require(definition.version() > 0, where + "version must be positive");
        require(definition.start() != null, where + "needs startedBy(...)");
        require(definition.businessKeyName() != null && !definition.businessKeyName().isBlank(),
                where + "business key name must not be blank");
        require(!MessageTypes.isNotification(definition.start().eventType()), where + "is started by "
                + MessageTypes.nameOf(definition.start().eventType()) + ", a @Notification: a start must reach the"
                + " orchestrator, so its event cannot be one the broker may drop");
        definition.finishWithin().ifPresent(limit -> require(positive(limit),
                where + "finishWithin(...) must be positive"));
        require(!definition.forwardSteps().isEmpty(), where + "needs at least one step with a command");
        Set<String> names = new HashSet<>();
        boolean pivotSeen = false;
        for (SagaStep<D> step : definition.steps()) {
            String at = where + "step " + step.name() + " ";
            require(step.name().matches("[a-z][a-z0-9-]*"), at + "name must be kebab-case");
            require(names.add(step.name()), at + "is defined twice");
            require(!definition.isGroup(step.name()), at + "has the name of a parallel group");
            require(step.participant() != null, at + "needs a participant");
            require(step.isForward() || step.isCompensatable(), at + "has neither a command nor a compensation");
            if (step.isWait()) {
                checkTheWait(step, at, pivotSeen || step.pivot());
            }
            if (step.hasCommand()) {
                require(!step.successReplies().isEmpty(), at + "needs onSuccess(...)");
                List<ReplyHandling<D>> expected = new ArrayList<>(step.successReplies());
                expected.addAll(step.failureReplies());
                requireDeclaredReplies(at, step.commandType(), expected, "onSuccess or onFailure");
            }
            if (step.isCompensatable()) {
                require(!step.compensationReplies().isEmpty(), at + "compensation needs a confirming reply");
                checkWhatTheCompensationReads(step, at);
                requireDeclaredReplies(at + "compensation ", step.compensationType(), step.compensationReplies(),
                        "a compensation confirmed by it");
            }
            require(!(step.isConditional() && !step.isForward()), at + "has no command, so there is nothing its"
                    + " condition could skip");
            if (step.isBranch()) {
                String group = "parallel group " + step.group();
                require(step.group().matches("[a-z][a-z0-9-]*"), where + group + " name must be kebab-case");
                require(step.hasCommand(), at + "is a branch of " + group + " and needs a command");
                require(!step.pivot(), at + "is the pivot and cannot be a branch of " + group + ": the saga passes its"
                        + " point of no return at one step, not at one of several answering in any order");
                require(!pivotSeen, at + "is a branch of " + group + " after the pivot: a group must come before it");
                require(!step.isDelayed(), at + "is a branch of " + group + " and cannot be delayed");
                require(!names.contains(step.group()), where + group + " has the name of a step");
            }
            require(!(step.isDelayed() && !step.hasCommand()), at + "has no command, so there is nothing to delay");
            require(!step.isDelayed() || positive(step.delay()), at + "delay must be positive");
            require(!(step.isConditional() && step.pivot()), at + "is the pivot and cannot be conditional: whether"
                    + " the saga passed its point of no return must not depend on its data");
            require(!(pivotSeen && step.pivot()), at + "is a second pivot");
            if (step.pivot() || pivotSeen) {
                require(step.failureReplies().isEmpty(), at + "is at or after the pivot and cannot fail by reply");
                require(!step.isCompensatable(), at + "is at or after the pivot and cannot be compensated");
            }
            pivotSeen |= step.pivot();
        }
    }

    /** A waiting step decides by its signals within its deadline, and sends nothing of its own. */
    private static <D> void checkTheWait(SagaStep<D> step, String at, boolean atOrAfterPivot) {
        StepWait<D> wait = step.awaiting();
        require(wait.timeout() != null, at + "waits for a decision without a deadline: add waitsAtMost(...)");
        require(positive(wait.timeout()), at + "wait must be positive");
        require(!wait.signals().isEmpty() || !wait.events().isEmpty(), at + "waits, but for no signal and no"
                + " event: add succeedsOnSignal(...) or succeedsOnEvent(...)");
        require(!step.hasCommand(), at + "waits for a decision, so it cannot send a command as well");
        require(!step.isCompensatable(), at + "waits for a decision, which leaves nothing to compensate");
        require(!step.isBranch(), at + "waits for a decision and cannot be a branch of a parallel group");
        require(!step.isDelayed(), at + "waits for a decision and cannot be delayed");
        require(!(atOrAfterPivot && wait.canFail()), at + "is at or after the pivot, so neither a signal nor its"
                + " wait's expiry can fail it");
        Set<String> signals = new HashSet<>();
        for (StepWait.Signal<D> signal : wait.signals()) {
            require(signal.name().matches("[a-z][a-z0-9-]*"), at + "signal " + signal.name()
                    + " must be kebab-case");
            require(signals.add(signal.name()), at + "waits for signal " + signal.name() + " twice");
        }
        Set<Class<?>> events = new HashSet<>();
        for (StepWait.Event<D> event : wait.events()) {
            require(events.add(event.type()), at + "waits for event " + event.type().getSimpleName() + " twice");
        }
    }

    /**
     * A step that sends a command may be compensated after a timeout, without its reply: its compensation takes
     * that reply as an {@code Optional}, so it has to say what it does without. A compensation-only step has no
     * reply to read.
     */
    private static <D> void checkWhatTheCompensationReads(SagaStep<D> step, String at) {
        if (!step.hasCommand()) {
            require(step.compensationReads() == null, at + "has no command, so its compensation has no reply to read:"
                    + " use compensateWith(type, data -> ..., confirmedBy)");
            return;
        }
        require(step.compensationReads() != null, at + "sends a command, so its compensation may run without the"
                + " step's reply (a timeout): use compensateWith(type, successReply, (data, reply) -> ...,"
                + " confirmedBy)");
        require(step.successReply(step.compensationReads()).isPresent(), at + "compensation reads "
                + step.compensationReads().getSimpleName() + ", which is not one of the step's success replies");
    }

    /** The replies a step expects for a command are the ones the command declares, when it declares them. */
    private static <D> void requireDeclaredReplies(String at, Class<?> command, List<ReplyHandling<D>> expected,
                                                   String howToExpect) {
        if (command == null) {
            return;
        }
        CommandReplies.of(command).ifPresent(declared -> {
            Set<Class<?>> expectedTypes = new HashSet<>();
            for (ReplyHandling<D> reply : expected) {
                expectedTypes.add(reply.replyType());
                require(declared.allows(reply.replyType()), at + "expects " + reply.replyType().getSimpleName()
                        + ", which " + command.getSimpleName() + " does not declare (its replies: " + declared.names()
                        + ")");
            }
            for (Class<?> reply : declared.replies()) {
                require(expectedTypes.contains(reply), at + "does not expect " + reply.getSimpleName() + ", which "
                        + command.getSimpleName() + " declares (its replies: " + declared.names() + "); add "
                        + howToExpect);
            }
        });
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
