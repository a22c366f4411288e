package dev.saga.participant.risk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The risk service's settings ({@code saga.risk.*}).
 *
 * @param reviewAboveCents Orders above this amount are reviewed for fraud; the same limit as the orchestrator's
 *                         {@code order-fulfilment.v2.review-above-cents}, above which the saga waits for a review.
 */
@ConfigurationProperties("saga.risk")
public record RiskSettings(@DefaultValue("100000") long reviewAboveCents) {
}
