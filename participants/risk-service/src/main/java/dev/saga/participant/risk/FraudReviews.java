package dev.saga.participant.risk;

import dev.saga.contract.order.OrderCreated;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.Outbox;
import dev.saga.messaging.Topology;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reviews each large order once, inside the kit's transaction: the review row and the event that announces its
 * decision commit together, or neither does. The kit's inbox stops a redelivered message; the review's primary key
 * stops the same order arriving under another message id, so a saga hears at most one decision per order.
 */
@Component
class FraudReviews {

    private static final Logger LOG = LoggerFactory.getLogger(FraudReviews.class);

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final ReviewRules rules;

    FraudReviews(JdbcTemplate jdbc, Outbox outbox, ReviewRules rules) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.rules = rules;
    }

    void review(OrderCreated order) {
        if (!rules.reviews(order)) {
            return;
        }
        Review review = rules.review(order, standingOf(order.customerId()));
        if (!recorded(review)) {
            LOG.info("Order {} was reviewed before; its decision is not announced again", order.orderId());
            return;
        }
        Optional<Object> event = review.event();
        if (event.isPresent()) {
            announce(review, event.get());
        } else {
            LOG.warn("Order {} ({} cents) waits for an operator: {}. Decide its saga's fraud review with the"
                    + " approve or reject signal of the admin API", review.orderId(), review.amountCents(),
                    review.why());
        }
    }

    private void announce(Review review, Object event) {
        outbox.add(Topology.EVENTS, MessageTypes.eventRoutingKey(event.getClass()),
                Envelope.event(MessageTypes.nameOf(event.getClass())), event);
        LOG.info("Order {} ({} cents) {}: {}", review.orderId(), review.amountCents(),
                review.decision().name().toLowerCase(Locale.ROOT), review.why());
    }

    private Optional<Standing> standingOf(String customerId) {
        return jdbc.queryForList("SELECT standing FROM customer_standing WHERE customer_id = ?", String.class,
                customerId).stream().findFirst().map(Standing::valueOf);
    }

    /** Whether this review is the order's first: a second one for the same order inserts nothing. */
    private boolean recorded(Review review) {
        return jdbc.update("""
                INSERT INTO review (order_id, customer_id, amount_cents, decision, why) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (order_id) DO NOTHING""", review.orderId(), review.customerId(), review.amountCents(),
                review.decision().name(), review.why()) == 1;
    }
}
