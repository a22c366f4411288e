package dev.saga.contract.risk;

import java.util.UUID;

/**
 * Event: the risk service rejected an order it reviewed for fraud; the order-fulfilment saga's {@code fraud-review}
 * step fails with {@code why}, and what ran before it is compensated.
 */
public record FraudReviewRejected(UUID orderId, String reviewer, String why) {
}
