package dev.saga.participant.risk;

import dev.saga.contract.order.OrderCreated;
import dev.saga.participant.risk.Review.Decision;
import java.util.Optional;

/**
 * The rules an order above the review limit is decided by: a trusted customer's is cleared, a blocked customer's
 * rejected, and the order of a customer without a standing waits for an operator. An order at or below the limit
 * is not reviewed at all.
 */
final class ReviewRules {

    /** Who decided, in the events: the rules, not a person. */
    static final String REVIEWER = "risk rules";

    private final long reviewAboveCents;

    ReviewRules(long reviewAboveCents) {
        this.reviewAboveCents = reviewAboveCents;
    }

    boolean reviews(OrderCreated order) {
        return order.amountCents() > reviewAboveCents;
    }

    Review review(OrderCreated order, Optional<Standing> standing) {
        String customer = "customer " + order.customerId();
        if (standing.isEmpty()) {
            return decided(order, Decision.AWAITING_OPERATOR, customer + " has no standing; an operator decides");
        }
        return switch (standing.get()) {
            case TRUSTED -> decided(order, Decision.CLEARED, customer + " is trusted");
            case BLOCKED -> decided(order, Decision.REJECTED, customer + " is blocked");
        };
    }

    private static Review decided(OrderCreated order, Decision decision, String why) {
        return new Review(order.orderId(), order.customerId(), order.amountCents(), decision, why);
    }
}
