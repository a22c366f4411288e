package dev.saga.definition;

import java.util.function.BiFunction;

/** A reply a step expects, and how it changes the saga data. */
public record ReplyHandling<D>(Class<?> replyType, BiFunction<D, Object, D> update) {

    static <D, R> ReplyHandling<D> of(Class<R> replyType, BiFunction<D, R, D> update) {
        return new ReplyHandling<>(replyType, (data, reply) -> update.apply(data, replyType.cast(reply)));
    }

    public D apply(D data, Object reply) {
        return update.apply(data, reply);
    }
}
