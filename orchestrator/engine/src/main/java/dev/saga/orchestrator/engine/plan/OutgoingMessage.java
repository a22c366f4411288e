package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.MessageTypes;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The message a state sends on entry and on every resend: a command or a compensation, to its participant on
 * {@code saga.commands} with routing key {@code <participant>.<kebab-case type>}, answered on the saga type's
 * reply key for that participant. A compensation is built from the saga data and its step's success reply of type
 * {@code reads}, if one came; a command reads no reply ({@code reads} is null).
 */
public record OutgoingMessage<D>(String participant, Class<?> type, String typeName, String routingKey,
                                 String replyTo, Class<?> reads, BiFunction<D, Optional<?>, ?> content) {

    static <D> OutgoingMessage<D> of(String sagaType, String participant, Class<?> type, Class<?> reads,
                                     BiFunction<D, Optional<?>, ?> content) {
        return new OutgoingMessage<>(participant, type, MessageTypes.nameOf(type),
                participant + "." + MessageTypes.kebab(type), sagaType + "." + participant, reads, content);
    }

    /** The message's payload for the saga data as it is now and the reply it reads (empty if none came). */
    public Object contentFor(D data, Optional<?> reply) {
        return content.apply(data, reply);
    }
}
