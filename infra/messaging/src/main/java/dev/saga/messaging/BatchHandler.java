package dev.saga.messaging;

import java.util.List;

/**
 * Handles what a {@link BatchingConsumer} took from its queue at once: decoded messages, in delivery order, at
 * least one. It does the whole batch's work in one transaction, or throws and leaves nothing behind; the
 * consumer then hands it the messages again one at a time, so only a failing message goes to the retry tiers.
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<IncomingMessage> batch);
}
