package dev.saga.test;

import dev.saga.orchestrator.engine.plan.PlannedState;
import dev.saga.orchestrator.engine.plan.SagaEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How participants answer when the kit answers for them by itself: with the reply a test gave for the message's
 * type ({@link SagaTestKit#answering}), or else with one made up as its step's first declared reply
 * ({@link SampleReplies}). Either way it is a reply the step takes as success.
 */
final class Answers {

    private final Map<Class<?>, Function<Object, ?>> given = new LinkedHashMap<>();

    <M> void put(Class<M> message, Function<? super M, ?> reply) {
        given.put(message, m -> reply.apply(message.cast(m)));
    }

    /** The reply to {@code message}, sent from {@code state}, that says it succeeded. */
    Object successReplyTo(PlannedState<?> state, Object message, Instant now) {
        Function<Object, ?> answer = given.get(message.getClass());
        if (answer == null) {
            return SampleReplies.answering(message, state.replies().get(0).type(), now);
        }
        Object reply = answer.apply(message);
        boolean success = reply != null && state.expecting(reply.getClass())
                .filter(expected -> expected.outcome() == SagaEvent.SUCCEEDED).isPresent();
        if (!success) {
            throw new IllegalStateException("answering(" + message.getClass().getSimpleName() + ".class, ...) gave "
                    + reply + ", which " + state.name() + " does not take as success");
        }
        return reply;
    }
}
