package dev.saga.test;

import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import java.util.List;

/**
 * The messages a saga sent to its participants, and how far a test has checked them: each is checked once, in the
 * order it was sent. The phase of each (a command or a compensation) is read from the plan of the state that sent it.
 */
final class CheckedMessages {

    private final InMemoryOutbox outbox;
    private final SagaPlan<?> plan;
    private int checked;

    CheckedMessages(InMemoryOutbox outbox, SagaPlan<?> plan) {
        this.outbox = outbox;
        this.plan = plan;
    }

    /** The reply as the participant's kit would send it: correlated to the message, on its reply key. */
    IncomingMessage replyTo(SentMessage sent, Object reply) {
        Envelope message = sent.envelope();
        String participant = plan.state(message.step()).message().participant();
        String routingKey = message.replyTo() + "." + MessageTypes.kebab(reply.getClass());
        return new IncomingMessage(message.reply(MessageTypes.nameOf(reply.getClass())), reply, Topology.REPLIES,
                routingKey, new MessageOrigin(participant, routingKey));
    }

    List<SentMessage> all() {
        return outbox.sent().stream().filter(SentMessage::toParticipant).toList();
    }

    List<SentMessage> unchecked() {
        List<SentMessage> all = all();
        return all.subList(Math.min(checked, all.size()), all.size());
    }

    /** Takes the next message not checked yet; null if there is none. */
    SentMessage next() {
        List<SentMessage> unchecked = unchecked();
        if (unchecked.isEmpty()) {
            return null;
        }
        checked++;
        return unchecked.get(0);
    }

    /** Counts a message as checked that the kit checked itself (a resend it waited out). */
    void skip() {
        checked++;
    }

    SentMessage lastChecked() {
        if (checked == 0) {
            throw new IllegalStateException("No message was checked yet");
        }
        return all().get(checked - 1);
    }

    SentMessage latest() {
        List<SentMessage> all = all();
        if (all.isEmpty()) {
            throw new AssertionError("The saga sent nothing to answer");
        }
        return all.get(all.size() - 1);
    }

    Phase phaseOf(SentMessage message) {
        return plan.state(message.envelope().step()).phase();
    }

    /** The types sent in this phase, in order, each once however often it was resent (same id, later attempts). */
    List<Class<?>> typesIn(Phase phase) {
        return all().stream().filter(m -> phaseOf(m) == phase).filter(m -> m.envelope().attempt() == 1)
                .<Class<?>>map(m -> m.payload().getClass()).toList();
    }
}
