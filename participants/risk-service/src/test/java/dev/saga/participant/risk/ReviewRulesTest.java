package dev.saga.participant.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.risk.FraudReviewCleared;
import dev.saga.contract.risk.FraudReviewRejected;
import dev.saga.participant.risk.Review.Decision;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReviewRulesTest {

    private final ReviewRules rules = new ReviewRules(100_000);

    @Test
    void reviewsOnlyOrdersAboveTheLimit() {
        assertThat(rules.reviews(order("bob", 100_000))).isFalse();
        assertThat(rules.reviews(order("bob", 100_001))).isTrue();
    }

    @Test
    void clearsATrustedCustomersOrder() {
        OrderCreated order = order("bob", 150_000);

        Review review = rules.review(order, Optional.of(Standing.TRUSTED));

        assertThat(review).isEqualTo(new Review(order.orderId(), "bob", 150_000, Decision.CLEARED,
                "customer bob is trusted"));
        assertThat(review.event()).contains(new FraudReviewCleared(order.orderId(), "risk rules",
                "customer bob is trusted"));
    }

    @Test
    void rejectsABlockedCustomersOrder() {
        OrderCreated order = order("dave", 150_000);

        Review review = rules.review(order, Optional.of(Standing.BLOCKED));

        assertThat(review.decision()).isEqualTo(Decision.REJECTED);
        assertThat(review.event()).contains(new FraudReviewRejected(order.orderId(), "risk rules",
                "customer dave is blocked"));
    }

    @Test
    void leavesTheOrderOfACustomerWithoutStandingToAnOperatorAndAnnouncesNothing() {
        Review review = rules.review(order("alice", 150_000), Optional.empty());

        assertThat(review.decision()).isEqualTo(Decision.AWAITING_OPERATOR);
        assertThat(review.why()).isEqualTo("customer alice has no standing; an operator decides");
        assertThat(review.event()).isEmpty();
    }

    private static OrderCreated order(String customer, long amountCents) {
        return new OrderCreated(UUID.randomUUID(), customer, List.of(new OrderLine("SKU-BOOK", 1)), amountCents);
    }
}
