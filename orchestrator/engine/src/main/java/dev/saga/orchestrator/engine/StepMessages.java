package dev.saga.orchestrator.engine;

import dev.saga.contract.saga.SagaFinished;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.engine.plan.OutgoingMessage;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import dev.saga.orchestrator.engine.plan.StepKind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What entering a state sends, written to the outbox in the transaction that moved the saga: the step's
 * command, the step's compensation, or the outcome event when the saga ended. A deadline sends the same
 * message again, with the same message id and the next attempt number. A compensation is built with its step's
 * success reply as the saga row keeps it ({@link SagaData}), or without one when the step never answered; its
 * timeline entry says which.
 */
@Component
public class StepMessages {

    private final SagaOutbox outbox;
    private final TimelineLog timeline;
    private final SagaData sagaData;

    public StepMessages(SagaOutbox outbox, TimelineLog timeline, SagaData sagaData) {
        this.outbox = outbox;
        this.timeline = timeline;
        this.sagaData = sagaData;
    }

    /**
     * Writes what the saga's state sends, as its plan says: its message, or the outcome event at an end. A delayed
     * step at attempt 0 sends nothing yet: its timeline says when it will. A parallel group sends the command of
     * each pending branch, at the branch's attempt. A step waiting for a signal sends nothing: its timeline says
     * what it waits for, and until when.
     */
    <D> void enter(SagaPlan<D> plan, SagaInstance saga, Object data) {
        PlannedState<D> state = plan.state(saga.machineState());
        if (state.isEnd()) {
            announceEnd(saga);
            return;
        }
        if (state.isGroup()) {
            Branches branches = sagaData.branches(saga.branches());
            for (PlannedState<D> branch : state.branches()) {
                branches.of(branch.name()).filter(b -> b.status() == Branches.Status.PENDING)
                        .ifPresent(pending -> send(branch, saga, pending.attempt(), data));
            }
            return;
        }
        if (state.step().kind() == StepKind.WAIT) {
            timeline.record(saga.id(), TimelineLog.Kind.STEP_WAITING, state.name(), saga.attempt(), null, null,
                    "waits for " + state.signals().stream().map(s -> (s.isEvent() ? "event " : "signal ") + s.name())
                            .collect(Collectors.joining(" or ")) + " until " + saga.deadlineAt());
            return;
        }
        if (saga.attempt() == 0) {
            String type = state.message().typeName();
            timeline.record(saga.id(), TimelineLog.Kind.STEP_DELAYED, state.name(), 0, null, type,
                    "sends " + type + " after " + state.step().delay() + ", at " + saga.deadlineAt());
            return;
        }
        send(state, saga, saga.attempt(), data);
    }

    /**
     * Writes the state's message as attempt {@code attempt}: a step's, a compensation's, or one branch's of a
     * parallel group (its envelope names the branch as the step, and its message id is the branch's own).
     */
    <D> void send(PlannedState<D> state, SagaInstance saga, int attempt, Object data) {
        OutgoingMessage<D> message = state.message();
        Optional<?> reply = message.reads() == null ? Optional.empty()
                : sagaData.replyOf(saga.stepReplies(), state.step().name(), message.reads());
        @SuppressWarnings("unchecked")
        Object content = message.contentFor((D) data, reply);
        Envelope envelope = Envelope.command(commandId(saga.id(), state.name()), message.typeName(), saga.id(),
                saga.type(), state.name(), attempt, message.replyTo());
        outbox.add(Topology.COMMANDS, message.routingKey(), envelope, content);
        String builtFrom = message.reads() == null ? null
                : (reply.isPresent() ? "built with " : "built without ") + MessageTypes.nameOf(message.reads())
                + (reply.isPresent() ? "" : ", which never came");
        timeline.record(saga.id(), state.phase() == Phase.COMPENSATING ? TimelineLog.Kind.COMPENSATION_SENT
                : TimelineLog.Kind.COMMAND_SENT, state.name(), attempt, envelope.messageId(),
                message.typeName(), builtFrom);
    }

    /**
     * The same saga state always sends the same message id, so a resent command is recognised by the
     * participant's inbox as the command it already handled.
     */
    static UUID commandId(UUID sagaId, String state) {
        return UUID.nameUUIDFromBytes((sagaId + "/" + state).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the saga's outcome event ({@code SagaFinished}, a notification): nobody may be subscribed to it, so
     * the broker may drop it, and the outbox is done with it once confirmed.
     */
    void announceEnd(SagaInstance saga) {
        String outcome = saga.status().name().toLowerCase(Locale.ROOT);
        SagaFinished event = new SagaFinished(saga.id(), saga.type(), saga.businessKey(), saga.status().name(),
                saga.failureReason());
        Envelope envelope = Envelope.event(MessageTypes.nameOf(SagaFinished.class));
        outbox.add(Topology.EVENTS, "saga." + saga.type() + "." + outcome, envelope, event);
        timeline.record(saga.id(), TimelineLog.Kind.SAGA_ENDED, null, null, envelope.messageId(),
                envelope.type(), saga.status().name() + (saga.failureReason() == null ? ""
                        : ": " + saga.failureReason()));
    }
}
