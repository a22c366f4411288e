package dev.saga.contract.risk;

import java.util.UUID;

/**
 * Event: the risk service cleared an order it reviewed for fraud; it decides the order-fulfilment saga's
 * {@code fraud-review} step (matched by the order id). {@code reviewer} is who cleared it: the service's own rule
 * or a person, {@code why} what the decision rests on.
 */
public record FraudReviewCleared(UUID orderId, String reviewer, String why) {
}
