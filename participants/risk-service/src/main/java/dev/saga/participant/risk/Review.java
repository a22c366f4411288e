package dev.saga.participant.risk;

import dev.saga.contract.risk.FraudReviewCleared;
import dev.saga.contract.risk.FraudReviewRejected;
import java.util.Optional;
import java.util.UUID;

/**
 * The review of one large order: cleared or rejected by the rules, or left to an operator, who decides through the
 * saga's {@code approve} and {@code reject} signals. Only the rules' own decisions are announced.
 */
record Review(UUID orderId, String customerId, long amountCents, Decision decision, String why) {

    /** The values of {@code review.decision}. */
    enum Decision {
        CLEARED,
        REJECTED,
        AWAITING_OPERATOR
    }

    /** The event that decides the saga's fraud review, or empty while the order waits for an operator. */
    Optional<Object> event() {
        return switch (decision) {
            case CLEARED -> Optional.of(new FraudReviewCleared(orderId, ReviewRules.REVIEWER, why));
            case REJECTED -> Optional.of(new FraudReviewRejected(orderId, ReviewRules.REVIEWER, why));
            case AWAITING_OPERATOR -> Optional.empty();
        };
    }
}
