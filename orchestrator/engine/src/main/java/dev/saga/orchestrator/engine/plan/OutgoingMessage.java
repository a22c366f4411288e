package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.MessageTypes;
import java.util.function.Function;

/**
 * The message a state sends on entry and on every resend: a command or a compensation, to its participant on
 * {@code saga.commands} with routing key {@code <participant>.<kebab-case type>}, answered on the saga type's
 * reply key for that participant.
 */
public record OutgoingMessage<D>(String participant, Class<?> type, String typeName, String routingKey,
                                 String replyTo, Function<D, ?> content) {

    static <D> OutgoingMessage<D> of(String sagaType, String participant, Class<?> type, Function<D, ?> content) {
        return new OutgoingMessage<>(participant, type, MessageTypes.nameOf(type),
                participant + "." + MessageTypes.kebab(type), sagaType + "." + participant, content);
    }

    /** The message's payload for the saga data as it is now. */
    public Object contentFor(D data) {
        return content.apply(data);
    }
}
