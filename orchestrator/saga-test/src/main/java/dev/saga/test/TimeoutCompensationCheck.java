package dev.saga.test;

import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.definition.StepWait;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.TimelineLog;
import dev.saga.orchestrator.engine.plan.DeadlinePolicy;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Times out each compensatable step of a definition once, on a saga of its own, and lets the engine run what a
 * timeout runs. Java cannot check when a definition is built what a compensation's lambda reads; the step's reply
 * comes as an {@code Optional} so that its type says it may be missing, and this check runs the case where it is,
 * so that a compensation calling {@code reply.get()}, or reading what only the reply would have put in the data,
 * fails a test instead of a saga in production. A compensation breaks if building it throws, or if it sends null
 * in a field its schema requires ({@link RequiredValues}): the participant would park that message.
 *
 * @param <D> the saga data
 */
final class TimeoutCompensationCheck<D> {

    private final SagaDefinition<D> definition;
    private final DeadlinePolicy deadlines;
    private final LoadedSaga loaded;
    private final Answers answers;

    TimeoutCompensationCheck(SagaDefinition<D> definition, DeadlinePolicy deadlines, LoadedSaga loaded,
                             Answers answers) {
        this.definition = definition;
        this.deadlines = deadlines;
        this.loaded = loaded;
        this.answers = answers;
    }

    void run(List<Object> startEvents) {
        List<SagaStep<D>> steps = definition.forwardSteps();
        if (steps.stream().noneMatch(SagaStep::isCompensatable)) {
            throw new AssertionError("Saga " + definition + " has no step that sends a command and can be"
                    + " compensated: no compensation runs after a timeout, so there is nothing to check");
        }
        List<AssertionError> broken = new ArrayList<>();
        for (int k = 0; k < steps.size(); k++) {
            if (steps.get(k).isCompensatable()) {
                try {
                    timeOutWithTheFirstThatRunsIt(startEvents, steps.get(k), steps.subList(0, k));
                } catch (AssertionError e) {
                    broken.add(e);
                }
            }
        }
        if (broken.size() == 1) {
            throw broken.get(0);
        }
        if (!broken.isEmpty()) {
            AssertionError all = new AssertionError(broken.size() + " timeouts break a compensation:\n"
                    + broken.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")),
                    broken.get(0).getCause());
            broken.subList(1, broken.size()).forEach(all::addSuppressed);
            throw all;
        }
    }

    /**
     * Times the step out on a saga started by the first event for which the saga does not skip it: a conditional
     * step may run for some starts only.
     */
    private void timeOutWithTheFirstThatRunsIt(List<Object> startEvents, SagaStep<D> step,
                                               List<SagaStep<D>> before) {
        for (Object startEvent : startEvents) {
            if (timeOut(startEvent, step, before)) {
                return;
            }
        }
        throw new AssertionError("Saga " + definition + ": " + step.name() + " is skipped by its condition '"
                + step.condition().name() + "' for every start event given, so its compensation was never run after"
                + " a timeout: give one it runs for");
    }

    /**
     * A saga whose {@code step} never answers, every step before it answered with success (or skipped); false if
     * the saga skipped the step itself.
     */
    private boolean timeOut(Object startEvent, SagaStep<D> step, List<SagaStep<D>> answered) {
        String after = "Saga " + definition + ": after " + step.name() + " timed out, ";
        SagaTestKit<D> saga = SagaTestKit.of(definition, deadlines);
        try {
            saga.start(startEvent);
            answered.forEach(earlier -> answerWithSuccess(saga, earlier));
            if (skipped(saga, step)) {
                return false;
            }
            saga.expectCommand(step.commandType());
            if (step.isBranch()) {
                List<SagaStep<D>> branches = definition.branchesOf(step.group());
                branches.subList(branches.indexOf(step) + 1, branches.size())
                        .forEach(sibling -> answerWithSuccess(saga, sibling));
            }
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("Saga " + definition + ": the kit could not bring " + step.name()
                    + " to its timeout: " + e.getMessage(), e);
        }
        try {
            definition.timedOut(saga.data(), "no reply to " + step.name());
        } catch (RuntimeException e) {
            throw new AssertionError(after + "its onTimeout(...) broke: " + e, e);
        }
        PlannedState<?> entered = loaded.next(step.isBranch() ? step.group() : step.name(), SagaEvent.TIMED_OUT);
        try {
            saga.neverAnswer(step.commandType());
        } catch (RuntimeException e) {
            throw broke(after, step, entered, e);
        }
        while (saga.saga().status() == SagaStatus.COMPENSATING) {
            AtomicReference<Object> compensation = new AtomicReference<>();
            Object confirmation;
            try {
                saga.expectCompensation(Object.class, compensation::set);
                confirmation = successReplyTo(saga, compensation.get());
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(after + "the kit could not confirm a compensation: " + e.getMessage(), e);
            }
            PlannedState<?> state = loaded.plan().state(saga.saga().machineState());
            String missing = RequiredValues.firstNullIn(compensation.get());
            if (missing != null) {
                throw new AssertionError(after + compensation(step, state) + " broke: it sends " + missing
                        + " as null, which its schema requires (the field is not @Nullable), so the participant"
                        + " would park it" + hint(step, state));
            }
            entered = loaded.next(state.name(), SagaEvent.SUCCEEDED);
            try {
                saga.reply(confirmation);
            } catch (RuntimeException e) {
                throw broke(after, step, entered, e);
            }
        }
        SagaInstance end = saga.saga();
        if (end.status() != SagaStatus.COMPENSATED) {
            throw new AssertionError(after + "the saga ended " + end.status() + " at " + end.machineState()
                    + ", not COMPENSATED (" + end.failureReason() + ")");
        }
        return true;
    }

    /** A waiting step decided by its first succeeding signal (its body made up from the data), else by expiry. */
    private void passTheWait(SagaTestKit<D> saga, SagaStep<D> step) {
        Optional<StepWait.Signal<D>> success = step.awaiting().signals().stream().filter(StepWait.Signal::success)
                .findFirst();
        if (success.isPresent()) {
            saga.signal(success.get().name(), SampleReplies.answering(saga.data(), success.get().body().replyType(),
                    saga.now()));
        } else if (step.awaiting().succeedsOnExpiry()) {
            saga.advance(step.awaiting().timeout());
        } else {
            throw new AssertionError(step.name() + " can only fail, so no step after it can be reached");
        }
    }

    private static boolean skipped(SagaTestKit<?> saga, SagaStep<?> step) {
        return saga.timeline().stream().anyMatch(line -> line.kind() == TimelineLog.Kind.STEP_SKIPPED
                && step.name().equals(line.step()));
    }

    /** The success reply to the message the saga just sent: the saga waits for it in the state that sent it. */
    private Object successReplyTo(SagaTestKit<D> saga, Object message) {
        return successReplyTo(saga, saga.saga().machineState(), message);
    }

    private Object successReplyTo(SagaTestKit<D> saga, String sentBy, Object message) {
        return answers.successReplyTo(loaded.plan().stateOrBranch(sentBy).orElseThrow(), message, saga.now());
    }

    /** The step's command is the next the saga sent, and its participant answers it with success (if not skipped). */
    private void answerWithSuccess(SagaTestKit<D> saga, SagaStep<D> step) {
        if (skipped(saga, step)) {
            return;
        }
        if (step.isWait()) {
            passTheWait(saga, step);
            return;
        }
        AtomicReference<Object> command = new AtomicReference<>();
        saga.expectCommand(step.commandType(), command::set);
        saga.replyTo(step.commandType(), successReplyTo(saga, step.name(), command.get()));
    }

    private AssertionError broke(String after, SagaStep<D> timedOut, PlannedState<?> entered, RuntimeException e) {
        String what = entered.hasStep() && entered.phase() == Phase.COMPENSATING
                ? compensation(timedOut, entered) + " broke" : "entering " + entered.name() + " broke";
        String hint = entered.hasStep() ? hint(timedOut, entered) : "";
        return new AssertionError(after + what + ": " + e + hint, e);
    }

    private String hint(SagaStep<D> timedOut, PlannedState<?> state) {
        return timedOut.name().equals(state.step().name()) ? ". A step that never answered is compensated with an"
                + " empty Optional: build the compensation from the saga data when the reply is empty" : "";
    }

    /** E.g. {@code compensation VoidPayment of authorize-payment (built without its reply PaymentAuthorized)}. */
    private String compensation(SagaStep<D> timedOut, PlannedState<?> state) {
        SagaStep<D> owner = definition.step(state.step().name());
        String built;
        if (owner.compensationReads() == null) {
            built = "built from the saga data";
        } else if (owner == timedOut) {
            built = "built without its reply " + owner.compensationReads().getSimpleName() + ", which never came";
        } else {
            built = "built with its reply " + owner.compensationReads().getSimpleName();
        }
        return "compensation " + owner.compensationType().getSimpleName() + " of " + owner.name() + " (" + built
                + ")";
    }
}
