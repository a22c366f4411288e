package dev.saga.orchestrator.engine;

import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.engine.Branches.Branch;
import dev.saga.orchestrator.engine.Branches.Status;
import dev.saga.orchestrator.engine.SagaCatalog.LoadedSaga;
import dev.saga.orchestrator.engine.plan.ExpectedReply;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import dev.saga.orchestrator.metrics.SagaMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a saga moves while it stands in a parallel group. The group is one state of the machine; its branches are
 * tracked in the saga row ({@link Branches}), each with its own attempt and deadline, and the row's step timer is
 * the earliest pending branch's. A branch's reply is applied under the saga row's lock like any other (one writer
 * per saga), to that branch only: a duplicate, or a reply to a branch that was given up, is ignored. When no branch
 * is pending any more the group is settled: it succeeded if every branch did (or was skipped), and otherwise it
 * fails, so the saga compensates the branches that succeeded or never answered, then the steps before the group.
 */
final class ParallelGroups {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelGroups.class);

    private final SagaData sagaData;
    private final TimelineLog timeline;
    private final StepMessages messages;
    private final SagaMetrics metrics;
    private final ReplySenders senders;
    private final Clock clock;

    ParallelGroups(SagaData sagaData, TimelineLog timeline, StepMessages messages, SagaMetrics metrics,
                   ReplySenders senders, Clock clock) {
        this.sagaData = sagaData;
        this.timeline = timeline;
        this.messages = messages;
        this.metrics = metrics;
        this.senders = senders;
        this.clock = clock;
    }

    /** The saga after a reply to one of its group's branches: moved on, or the same instance if it does not apply. */
    <D> SagaInstance applyReply(SagaEngine engine, LoadedSaga loaded, SagaInstance saga, IncomingMessage reply) {
        @SuppressWarnings("unchecked")
        SagaPlan<D> plan = (SagaPlan<D>) loaded.plan();
        PlannedState<D> group = plan.state(saga.machineState());
        Envelope envelope = reply.envelope();
        Optional<PlannedState<D>> answered = group.branch(envelope.step());
        if (answered.isEmpty() || !StepMessages.commandId(saga.id(), envelope.step())
                .equals(envelope.correlationId())) {
            return engine.ignore(saga, envelope, "saga is in parallel group " + group.name() + ", reply is for "
                    + envelope.step() + " attempt " + envelope.attempt());
        }
        PlannedState<D> branch = answered.get();
        Branches branches = sagaData.branches(saga.branches());
        Branch before = branches.of(branch.name()).orElseThrow();
        if (before.status() != Status.PENDING) {
            return engine.ignore(saga, envelope, "branch " + branch.name() + " of " + group.name() + " is "
                    + before.status() + " already");
        }
        String impostor = senders.refusal(saga.type(), branch.step().participant(), reply.origin());
        if (impostor != null) {
            LOG.warn("Refusing {} {} for saga {} at {}: {}", envelope.type(), envelope.messageId(), saga.id(),
                    branch.name(), impostor);
            return engine.ignore(saga, envelope, impostor);
        }
        Optional<ExpectedReply<D>> expected = branch.expecting(reply.payload().getClass());
        if (expected.isEmpty()) {
            return engine.ignore(saga, envelope, "branch " + branch.name() + " does not expect " + envelope.type());
        }
        SagaEvent outcome = expected.get().outcome();
        D data = expected.get().apply(sagaData.read(saga.data(), plan.definition().dataType()), reply.payload());
        String replies = saga.stepReplies();
        String reason = saga.failureReason();
        if (plan.definition().step(branch.name()).isCompensatable()) {
            replies = outcome == SagaEvent.SUCCEEDED ? sagaData.withReply(replies, branch.name(), reply.payload())
                    : sagaData.withNothingToUndo(replies, branch.name(), "failed by reply (" + envelope.type() + ")");
        }
        if (outcome == SagaEvent.FAILED && reason == null) {
            reason = branch.name() + " failed: " + FailureReasons.of(reply.payload());
        }
        timeline.record(saga.id(), TimelineLog.Kind.REPLY_APPLIED, branch.name(), before.attempt(),
                envelope.messageId(), envelope.type(), outcome.name());
        metrics.stepAnswered(saga.type(), branch.name(), Duration.between(saga.updatedAt(), clock.instant()));
        Branches after = branches.with(branch.name(), new Branch(outcome == SagaEvent.SUCCEEDED ? Status.SUCCEEDED
                : Status.FAILED, before.attempt(), null));
        return settle(engine, loaded, saga, after, data, replies, reason);
    }

    /**
     * The branches whose reply is overdue: each sends its command again as its next attempt, or after its last is
     * given up (its command may have taken effect, so it is compensated). The saga then waits on, or the group is
     * settled.
     */
    <D> SagaInstance fireDue(SagaEngine engine, LoadedSaga loaded, SagaInstance saga) {
        @SuppressWarnings("unchecked")
        SagaPlan<D> plan = (SagaPlan<D>) loaded.plan();
        Instant now = clock.instant();
        Branches branches = sagaData.branches(saga.branches());
        D data = sagaData.read(saga.data(), plan.definition().dataType());
        String reason = saga.failureReason();
        for (PlannedState<D> branch : plan.state(saga.machineState()).branches()) {
            Branch due = branches.of(branch.name()).orElseThrow();
            if (due.status() != Status.PENDING || due.due().isAfter(now)) {
                continue;
            }
            String silence = "no reply to " + branch.name() + " after " + due.attempt() + " attempt(s)";
            metrics.deadlineFired(saga.type(), branch.name());
            int next = due.attempt() + 1;
            if (branch.step().deadline().allowsAttempt(next)) {
                branches = branches.with(branch.name(), new Branch(Status.PENDING, next, branch.dueAt(now, next)));
                timeline.record(saga.id(), TimelineLog.Kind.DEADLINE_FIRED, branch.name(), next, null, null,
                        silence + "; sending attempt " + next);
                messages.send(branch, saga, next, data);
            } else {
                branches = branches.with(branch.name(), new Branch(Status.TIMED_OUT, due.attempt(), null));
                timeline.record(saga.id(), TimelineLog.Kind.DEADLINE_FIRED, branch.name(), due.attempt(), null,
                        null, silence + "; given up");
                data = plan.definition().timedOut(data, silence);
                reason = reason == null ? silence : reason;
            }
        }
        return settle(engine, loaded, saga, branches, data, saga.stepReplies(), reason);
    }

    private SagaInstance settle(SagaEngine engine, LoadedSaga loaded, SagaInstance saga, Branches after, Object data,
                                String replies, String reason) {
        if (!after.settled()) {
            return saga.inGroup(sagaData.write(after), sagaData.write(data), replies, reason, after.nextDue());
        }
        SagaEvent outcome = !after.failed() ? SagaEvent.SUCCEEDED
                : after.failedByReply() ? SagaEvent.FAILED : SagaEvent.TIMED_OUT;
        return engine.advance(loaded, saga, outcome, data, replies, reason);
    }
}
