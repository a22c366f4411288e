package dev.saga.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.messaging.MessageOrigin;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * A reply answers a step, and an event decides a wait, only from the participant's broker user, with a routing key
 * naming it.
 */
class ReplySendersTest {

    private static final String SAGA = "order-fulfilment";

    private final ReplySenders senders = new ReplySenders(Map.of("payment", "prod_payment"));

    @Test
    void aReplyFromTheParticipantsUserWithItsRoutingKeyAnswersItsStep() {
        assertThat(senders.refusal(SAGA, "payment",
                new MessageOrigin("prod_payment", "order-fulfilment.payment.payment-authorized"))).isNull();
    }

    @Test
    void aReplyFromAnotherParticipantsUserIsRefusedEvenWithTheRightRoutingKey() {
        assertThat(senders.refusal(SAGA, "payment",
                new MessageOrigin("inventory", "order-fulfilment.payment.payment-authorized")))
                .contains("sent by broker user inventory").contains("payment's (prod_payment)");
    }

    @Test
    void aReplyWithoutVerifiedSenderIsRefused() {
        assertThat(senders.refusal(SAGA, "payment",
                new MessageOrigin(null, "order-fulfilment.payment.payment-authorized")))
                .contains("no verified sender");
    }

    @Test
    void aReplyFromTheRightUserUnderAnotherParticipantsRoutingKeyIsRefused() {
        assertThat(senders.refusal(SAGA, "payment",
                new MessageOrigin("prod_payment", "order-fulfilment.inventory.payment-authorized")))
                .contains("does not name payment");
        assertThat(senders.refusal(SAGA, "payment", new MessageOrigin("prod_payment", null)))
                .contains("does not name payment");
        assertThat(senders.refusal(SAGA, "payment",
                new MessageOrigin("prod_payment", "order-cancellation.payment.payment-authorized")))
                .contains("does not name payment");
    }

    @Test
    void anEventDecidesAWaitOnlyFromTheParticipantsUserUnderItsOwnRoutingKeys() {
        assertThat(senders.eventRefusal("risk", new MessageOrigin("risk", "risk.fraud-review-cleared"))).isNull();
        assertThat(senders.eventRefusal("risk", new MessageOrigin("order", "risk.fraud-review-cleared")))
                .contains("event was sent by broker user order, not by risk's (risk)");
        assertThat(senders.eventRefusal("risk", new MessageOrigin("risk", "order.fraud-review-cleared")))
                .contains("does not name risk (risk.<event>)");
        assertThat(senders.eventRefusal("risk", new MessageOrigin(null, "risk.fraud-review-cleared")))
                .contains("no verified sender");
    }

    @Test
    void aParticipantWithoutAnEntryAnswersAsItsOwnName() {
        assertThat(senders.userOf("inventory")).isEqualTo("inventory");
        assertThat(senders.refusal(SAGA, "inventory",
                new MessageOrigin("inventory", "order-fulfilment.inventory.stock-reserved"))).isNull();
    }

    @Test
    void readsEachParticipantsUserFromSagaBrokerUsers() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("saga.broker-users.inventory", "it_1_inventory")
                .withProperty("saga.broker-users.order", "it_1_order");

        ReplySenders configured = new ReplySenders(environment);

        assertThat(configured.userOf("inventory")).isEqualTo("it_1_inventory");
        assertThat(configured.userOf("order")).isEqualTo("it_1_order");
        assertThat(configured.userOf("payment")).isEqualTo("payment");
    }
}
