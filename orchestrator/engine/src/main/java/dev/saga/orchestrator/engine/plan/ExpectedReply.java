package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.ReplyHandling;

/** A reply a state waits for: what it means for the state ({@code outcome}) and how it changes the saga data. */
public record ExpectedReply<D>(SagaEvent outcome, ReplyHandling<D> handling) {

    public Class<?> type() {
        return handling.replyType();
    }

    public D apply(D data, Object reply) {
        return handling.apply(data, reply);
    }
}
