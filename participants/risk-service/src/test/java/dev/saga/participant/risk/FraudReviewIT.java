package dev.saga.participant.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.contract.order.OrderCreated;
import dev.saga.contract.order.OrderLine;
import dev.saga.contract.risk.FraudReviewCleared;
import dev.saga.contract.risk.FraudReviewRejected;
import dev.saga.definition.MessageTypes;
import dev.saga.messaging.Envelope;
import dev.saga.messaging.EnvelopeCodec;
import dev.saga.messaging.IncomingMessage;
import dev.saga.messaging.Topology;
import dev.saga.messaging.testing.RealServices;
import dev.saga.messaging.testing.TestQueue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The risk service on real RabbitMQ and PostgreSQL, with its seeded standings (bob trusted, dave blocked, alice
 * unknown). A test queue bound to {@code risk.#} on {@code saga.events} sees what it announces. "Nothing announced"
 * is checked once the service has handled the order ({@code inbox}) and published everything it wrote
 * ({@code outbox} empty): whatever it would announce is in the test queue by then. One consumer thread, so
 * messages are handled in the order they were published.
 */
@SpringBootTest(properties = {"spring.config.name=risk", "saga.consumer.concurrency=1"})
class FraudReviewIT {

    private static final long LARGE = 150_000;

    @Autowired
    private RabbitTemplate rabbit;
    @Autowired
    private EnvelopeCodec codec;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private AmqpAdmin admin;

    private TestQueue announced;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    void bindTestQueue() {
        announced = TestQueue.bound(admin, rabbit, codec, "test.risk-events", Topology.EVENTS, "risk.#");
    }

    @Test
    void clearsATrustedCustomersLargeOrderWithOneEvent() {
        OrderCreated order = order("bob", LARGE);

        awaitHandled(publish(order));

        IncomingMessage event = announced.awaitOne(about(order));
        assertThat(event.routingKey()).isEqualTo("risk.fraud-review-cleared");
        assertThat(event.envelope().type()).isEqualTo("risk.FraudReviewCleared");
        assertThat(event.payloadAs(FraudReviewCleared.class)).isEqualTo(new FraudReviewCleared(order.orderId(),
                "risk rules", "customer bob is trusted"));
        assertThat(announced.matching(about(order))).hasSize(1);
        assertThat(reviewOf(order)).containsExactly("bob", LARGE, "CLEARED", "customer bob is trusted");
    }

    @Test
    void rejectsABlockedCustomersLargeOrderWithOneEvent() {
        OrderCreated order = order("dave", LARGE);

        awaitHandled(publish(order));

        IncomingMessage event = announced.awaitOne(about(order));
        assertThat(event.routingKey()).isEqualTo("risk.fraud-review-rejected");
        assertThat(event.payloadAs(FraudReviewRejected.class)).isEqualTo(new FraudReviewRejected(order.orderId(),
                "risk rules", "customer dave is blocked"));
        assertThat(announced.matching(about(order))).hasSize(1);
        assertThat(reviewOf(order)).containsExactly("dave", LARGE, "REJECTED", "customer dave is blocked");
    }

    @Test
    void leavesAnUnknownCustomersLargeOrderToAnOperatorAndAnnouncesNothing() {
        OrderCreated order = order("alice", LARGE);

        awaitHandled(publish(order));

        assertThat(reviewOf(order)).containsExactly("alice", LARGE, "AWAITING_OPERATOR",
                "customer alice has no standing; an operator decides");
        assertThat(announced.matching(about(order))).isEmpty();
    }

    @Test
    void reviewsNothingAtOrBelowTheLimit() {
        OrderCreated atTheLimit = order("bob", 100_000);
        OrderCreated small = order("dave", 2_500);

        awaitHandled(publish(atTheLimit), publish(small));

        assertThat(reviews(atTheLimit, small)).isZero();
        assertThat(announced.matching(about(atTheLimit).or(about(small)))).isEmpty();
    }

    @Test
    void announcesOneDecisionPerOrderHoweverOftenItsOrderCreatedArrives() {
        OrderCreated order = order("bob", LARGE);
        Envelope first = publish(order);
        awaitHandled(first);
        announced.awaitOne(about(order));

        publishAs(first, order);
        Envelope another = publish(order);
        // Handled after the redelivery: once it is, both duplicates have been.
        awaitHandled(another);

        assertThat(announced.matching(about(order))).hasSize(1);
        assertThat(reviews(order)).isOne();
    }

    private static OrderCreated order(String customer, long amountCents) {
        return new OrderCreated(UUID.randomUUID(), customer, List.of(new OrderLine("SKU-MUG", 1)), amountCents);
    }

    /** Publishes the order's event as the order service does, under a new message id. */
    private Envelope publish(OrderCreated order) {
        return publishAs(Envelope.event(MessageTypes.nameOf(OrderCreated.class)), order);
    }

    private Envelope publishAs(Envelope envelope, OrderCreated order) {
        rabbit.send(Topology.EVENTS, MessageTypes.eventRoutingKey(OrderCreated.class),
                codec.toAmqp(envelope, codec.payloadJson(order)));
        return envelope;
    }

    /** Until every message was handled and everything the service wrote to its outbox was published. */
    private void awaitHandled(Envelope... envelopes) {
        UUID[] ids = Stream.of(envelopes).map(Envelope::messageId).distinct().toArray(UUID[]::new);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM inbox WHERE message_id = ANY(?)", Integer.class, (Object) ids) == ids.length
                && jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class) == 0);
    }

    private static Predicate<IncomingMessage> about(OrderCreated order) {
        return message -> order.orderId().equals(decidedOrder(message.payload()));
    }

    private static UUID decidedOrder(Object decision) {
        if (decision instanceof FraudReviewCleared cleared) {
            return cleared.orderId();
        }
        return decision instanceof FraudReviewRejected rejected ? rejected.orderId() : null;
    }

    private List<Object> reviewOf(OrderCreated order) {
        return jdbc.queryForObject("SELECT customer_id, amount_cents, decision, why FROM review WHERE order_id = ?",
                (rs, row) -> List.of(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                order.orderId());
    }

    private int reviews(OrderCreated... orders) {
        return jdbc.queryForObject("SELECT count(*) FROM review WHERE order_id = ANY(?)", Integer.class,
                (Object) Stream.of(orders).map(OrderCreated::orderId).toArray(UUID[]::new));
    }
}
