package dev.saga.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.MessageOrigin;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.engine.SagaInstance;
import dev.saga.orchestrator.engine.plan.Phase;
import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaPlan;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The messages a saga sent to its participants, and how far a test has checked them: each is checked once, in the
 * order it was sent. The phase of each (a command or a compensation) is read from the plan of the state that sent it.
 */
final class CheckedMessages {

    private static final ObjectMapper BRANCHES = new ObjectMapper();

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
        String participant = sender(sent).message().participant();
        String routingKey = message.replyTo() + "." + MessageTypes.kebab(reply.getClass());
        return new IncomingMessage(message.reply(MessageTypes.nameOf(reply.getClass())), reply, Topology.REPLIES,
                routingKey, new MessageOrigin(participant, routingKey));
    }

    /**
     * The event as the participant of the step that waits for it publishes it on {@code saga.events}: a new message
     * id, under its own routing key.
     */
    IncomingMessage event(Object event) {
        String participant = plan.states().stream().filter(state -> state.expectingEvent(event.getClass())
                .isPresent()).findFirst().map(state -> state.step().participant()).orElseThrow(() ->
                new IllegalArgumentException("No step of " + plan.definition() + " waits for " + event));
        return published(event, participant);
    }

    /** The event as {@code sender} publishes it on {@code saga.events}: a new message id, its own routing key. */
    static IncomingMessage published(Object event, String sender) {
        String routingKey = MessageTypes.eventRoutingKey(event.getClass());
        return new IncomingMessage(Envelope.event(MessageTypes.nameOf(event.getClass())), event, Topology.EVENTS,
                routingKey, new MessageOrigin(sender, routingKey));
    }

    /** The reply confirming the last compensation checked, made from its fields as its participant would. */
    Object confirmationOfLastChecked() {
        SentMessage compensation = lastChecked();
        PlannedState<?> state = plan.state(compensation.envelope().step());
        if (state.replies().isEmpty()) {
            throw new IllegalStateException(state.name() + " declares no reply that confirms it");
        }
        return Confirmations.confirming(compensation.payload(), state.replies().get(0).type());
    }

    /** The state that sent the message: a state of the machine, or a branch of a parallel group. */
    PlannedState<?> sender(SentMessage message) {
        return plan.stateOrBranch(message.envelope().step()).orElseThrow(() -> new IllegalStateException(
                "No state of " + plan.definition() + " sends " + message));
    }

    List<SentMessage> all() {
        return outbox.sent().stream().filter(SentMessage::toParticipant).toList();
    }

    List<SentMessage> unchecked() {
        List<SentMessage> all = all();
        return all.subList(Math.min(checked, all.size()), all.size());
    }

    /** Takes the next message not checked yet, or fails saying where the saga is ({@code sagaAt}). */
    SentMessage nextOrFail(String expected, Supplier<String> sagaAt) {
        SentMessage next = next();
        if (next == null) {
            throw new AssertionError("Expected " + expected + ", but the saga sent nothing more; it is "
                    + sagaAt.get());
        }
        return next;
    }

    /** The next message not checked yet is of this type and phase, and passes {@code check}. */
    <C> void expectNext(Phase phase, Class<C> type, Consumer<? super C> check, Supplier<String> sagaAt) {
        String what = (phase == Phase.FORWARD ? "command " : "compensation ") + type.getSimpleName();
        SentMessage message = nextOrFail("the " + what, sagaAt);
        assertThat(message.payload()).as("the next message the saga sent (expected the %s)", what)
                .isInstanceOf(type);
        assertThat(phaseOf(message)).as("phase of %s", message).isEqualTo(phase);
        check.accept(type.cast(message.payload()));
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

    /** The latest message of this type the saga sent, checked or not. */
    SentMessage latestOf(Class<?> type) {
        return all().stream().filter(m -> type.isInstance(m.payload())).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("The saga sent no " + type.getSimpleName()));
    }

    /** The latest message of this type a test has checked. */
    SentMessage lastCheckedOf(Class<?> type) {
        return all().subList(0, checked).stream().filter(m -> type.isInstance(m.payload()))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " was checked yet"));
    }

    /** {@code again} resends {@code before}: the same type and message id, the next attempt. */
    SentMessage expectResendOf(SentMessage before, SentMessage again) {
        assertThat(again.payload()).as("resent message").isInstanceOf(before.payload().getClass());
        assertThat(again.envelope().messageId()).as("message id of %s", again)
                .isEqualTo(before.envelope().messageId());
        assertThat(again.envelope().attempt()).as("attempt of %s", again).isEqualTo(before.envelope().attempt() + 1);
        return again;
    }

    /**
     * Whether the saga still waits for an answer to the message: it stands in the state that sent it, or, for a
     * branch of a parallel group, the branch is still pending.
     */
    boolean stillWaitsOn(SagaInstance saga, SentMessage message) {
        String step = message.envelope().step();
        if (saga.machineState().equals(step)) {
            return true;
        }
        try {
            return saga.branches() != null && "PENDING".equals(BRANCHES.readTree(saga.branches()).path(step)
                    .path("status").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable branches " + saga.branches(), e);
        }
    }

    SentMessage latest() {
        List<SentMessage> all = all();
        if (all.isEmpty()) {
            throw new AssertionError("The saga sent nothing to answer");
        }
        return all.get(all.size() - 1);
    }

    Phase phaseOf(SentMessage message) {
        return sender(message).phase();
    }

    /** The types sent in this phase, in order, each once however often it was resent (same id, later attempts). */
    List<Class<?>> typesIn(Phase phase) {
        return all().stream().filter(m -> phaseOf(m) == phase).filter(m -> m.envelope().attempt() == 1)
                .<Class<?>>map(m -> m.payload().getClass()).toList();
    }
}
