package dev.saga.contract.saga;

import dev.saga.contract.Notification;
import dev.saga.contract.Nullable;
import java.util.UUID;

/**
 * Event: a saga reached a terminal state. Published on {@code saga.events} with routing key
 * {@code saga.<saga-type>.<outcome>}, e.g. {@code saga.order-fulfilment.completed}. A completed saga has no reason.
 * A notification: an outcome nobody subscribed to is dropped by the broker, not kept in the outbox.
 */
@Notification
public record SagaFinished(UUID sagaId, String sagaType, String businessKey, String outcome,
                           @Nullable String reason) {
}
