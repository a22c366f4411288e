package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.ReplyHandling;

/**
 * A signal a waiting step is decided by: its name, what it means ({@code SUCCEEDED} or {@code FAILED}), and how its
 * body, read as {@code body.replyType()}, changes the saga data.
 *
 * @param <D> the saga data
 */
public record ExpectedSignal<D>(String name, SagaEvent outcome, ReplyHandling<D> body) {

    public Class<?> bodyType() {
        return body.replyType();
    }

    public D apply(D data, Object signalBody) {
        return body.apply(data, signalBody);
    }
}
