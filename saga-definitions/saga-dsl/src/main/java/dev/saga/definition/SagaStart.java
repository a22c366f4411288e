package dev.saga.definition;

import java.util.function.Function;

/** The event that starts a saga, the business key it is idempotent on, and the initial saga data. */
public record SagaStart<D>(Class<?> eventType, Function<Object, String> businessKey, Function<Object, D> initialData) {

    static <D, E> SagaStart<D> of(Class<E> eventType, Function<E, ?> businessKey, Function<E, D> initialData) {
        return new SagaStart<>(eventType,
                event -> String.valueOf(businessKey.apply(eventType.cast(event))),
                event -> initialData.apply(eventType.cast(event)));
    }
}
