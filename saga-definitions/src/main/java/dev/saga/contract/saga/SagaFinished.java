package dev.saga.contract.saga;

import java.util.UUID;

/**
 * Event: a saga reached a terminal state. Published on {@code saga.events} with routing key
 * {@code saga.<saga-type>.<outcome>}, e.g. {@code saga.order-fulfilment.completed}.
 */
public record SagaFinished(UUID sagaId, String sagaType, String businessKey, String outcome, String reason) {
}
