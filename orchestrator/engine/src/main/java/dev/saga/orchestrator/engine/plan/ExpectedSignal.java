package dev.saga.orchestrator.engine.plan;

import dev.saga.definition.ReplyHandling;
import java.util.function.Function;

/**
 * A decision a waiting step is decided by: an operator's signal (by its {@code name}) or an event its participant
 * publishes (named by its message type, {@code businessKey} taking from it the key of the saga it decides), what
 * it means ({@code SUCCEEDED} or {@code FAILED}), and how its body, read as {@code body.replyType()}, changes the
 * saga data.
 *
 * @param <D> the saga data
 */
public record ExpectedSignal<D>(String name, SagaEvent outcome, ReplyHandling<D> body,
                                Function<Object, String> businessKey) {

    /** Whether a participant's event decides this, rather than an operator's signal. */
    public boolean isEvent() {
        return businessKey != null;
    }

    public Class<?> bodyType() {
        return body.replyType();
    }

    public D apply(D data, Object signalBody) {
        return body.apply(data, signalBody);
    }
}
