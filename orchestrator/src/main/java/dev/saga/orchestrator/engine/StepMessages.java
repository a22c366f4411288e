package dev.saga.orchestrator.engine;

import dev.saga.contract.saga.SagaFinished;
import dev.saga.definition.MessageTypes;
import dev.saga.definition.SagaDefinition;
import dev.saga.definition.SagaStep;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What entering a state sends, written to the outbox in the transaction that moved the saga: the step's
 * command, the step's compensation, or the outcome event when the saga ended. A deadline sends the same
 * message again, with the same message id and the next attempt number.
 */
@Component
public class StepMessages {

    private final Outbox outbox;
    private final SagaTimeline timeline;

    public StepMessages(Outbox outbox, SagaTimeline timeline) {
        this.outbox = outbox;
        this.timeline = timeline;
    }

    @SuppressWarnings("unchecked")
    <D> void enter(SagaDefinition<D> definition, SagaInstance saga, Object data) {
        String state = saga.machineState();
        if (SagaStates.isTerminal(state)) {
            announceEnd(definition, saga);
            return;
        }
        SagaStep<D> step = definition.step(SagaStates.stepOf(state));
        boolean compensation = SagaStates.isCompensation(state);
        Object command = compensation ? step.compensationFor((D) data) : step.commandFor((D) data);
        String type = MessageTypes.nameOf(command.getClass());
        Envelope envelope = Envelope.command(commandId(saga.id(), state), type, saga.id(), definition.type(), state,
                saga.attempt(), definition.type() + "." + step.participant());
        outbox.add(Topology.COMMANDS, step.participant() + "." + MessageTypes.kebab(command.getClass()), envelope,
                command);
        timeline.record(saga.id(), compensation ? SagaTimeline.Kind.COMPENSATION_SENT : SagaTimeline.Kind.COMMAND_SENT,
                state, saga.attempt(), envelope.messageId(), type, null);
    }

    /**
     * The same saga state always sends the same message id, so a resent command is recognised by the
     * participant's inbox as the command it already handled.
     */
    static UUID commandId(UUID sagaId, String state) {
        return UUID.nameUUIDFromBytes((sagaId + "/" + state).getBytes(StandardCharsets.UTF_8));
    }

    void announceEnd(SagaDefinition<?> definition, SagaInstance saga) {
        String outcome = saga.status().name().toLowerCase(Locale.ROOT);
        SagaFinished event = new SagaFinished(saga.id(), definition.type(), saga.businessKey(), saga.status().name(),
                saga.failureReason());
        Envelope envelope = Envelope.event(MessageTypes.nameOf(SagaFinished.class));
        outbox.add(Topology.EVENTS, "saga." + definition.type() + "." + outcome, envelope, event);
        timeline.record(saga.id(), SagaTimeline.Kind.SAGA_ENDED, null, null, envelope.messageId(),
                envelope.type(), saga.status().name() + (saga.failureReason() == null ? ""
                        : ": " + saga.failureReason()));
    }
}
