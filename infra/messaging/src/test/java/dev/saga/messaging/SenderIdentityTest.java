package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Who sent a received message: its {@code user_id}, which RabbitMQ checked against the publisher's login; the
 * sender headers only on a copy of this process's own.
 */
class SenderIdentityTest {

    private final SenderIdentity orchestrator = new SenderIdentity("orchestrator");

    @Test
    void theSenderOfAMessageIsTheUserRabbitMqCheckedItAgainst() {
        MessageOrigin origin = orchestrator.originOf(received("inventory",
                "order-fulfilment.inventory.stock-reserved"));

        assertThat(origin).isEqualTo(new MessageOrigin("inventory", "order-fulfilment.inventory.stock-reserved"));
    }

    @Test
    void aMessageWithoutUserIdHasNoVerifiedSender() {
        MessageOrigin origin = orchestrator.originOf(received(null, "order-fulfilment.payment.payment-authorized"));

        assertThat(origin.verified()).isFalse();
        assertThat(origin.sender()).isNull();
    }

    @Test
    void senderHeadersOfAnotherUsersMessageAreNotBelieved() {
        MessageProperties forged = received("inventory", "order-fulfilment.inventory.payment-authorized");
        forged.setHeader(SenderIdentity.SENDER, "payment");
        forged.setHeader(SenderIdentity.SENDER_ROUTING_KEY, "order-fulfilment.payment.payment-authorized");

        assertThat(orchestrator.originOf(forged))
                .isEqualTo(new MessageOrigin("inventory", "order-fulfilment.inventory.payment-authorized"));
    }

    @Test
    void aCopyOfItsOwnCarriesTheOriginalsSenderAndRoutingKey() {
        MessageProperties retried = received("orchestrator", "orchestrator.replies");
        retried.setHeader(SenderIdentity.SENDER, "payment");
        retried.setHeader(SenderIdentity.SENDER_ROUTING_KEY, "order-fulfilment.payment.payment-authorized");

        assertThat(orchestrator.originOf(retried))
                .isEqualTo(new MessageOrigin("payment", "order-fulfilment.payment.payment-authorized"));
    }

    @Test
    void aCopyOfItsOwnOfAMessageWithoutSenderStaysWithoutOne() {
        MessageProperties retried = received("orchestrator", "orchestrator.replies");
        retried.setHeader(SenderIdentity.SENDER, "");

        assertThat(orchestrator.originOf(retried).verified()).isFalse();
    }

    @Test
    void itsOwnMessageWithoutSenderHeadersIsItsOwn() {
        assertThat(orchestrator.originOf(received("orchestrator", "saga.order-fulfilment.completed")))
                .isEqualTo(new MessageOrigin("orchestrator", "saga.order-fulfilment.completed"));
    }

    @Test
    void aRepublishedCopyRecordsTheVerifiedSenderOverWhateverTheOriginalClaimed() {
        MessageProperties forged = received("inventory", "inventory.commands");
        forged.setHeader(SenderIdentity.SENDER, "orchestrator");
        Message copy = new Message(new byte[0], forged);

        orchestrator.carryOrigin(copy);
        orchestrator.stamp(copy);

        assertThat(copy.getMessageProperties().getHeaders())
                .containsEntry(SenderIdentity.SENDER, "inventory")
                .containsEntry(SenderIdentity.SENDER_ROUTING_KEY, "inventory.commands");
        assertThat(copy.getMessageProperties().getUserId()).isEqualTo("orchestrator");
    }

    @Test
    void aRepublishedCopyOfAnUnverifiedMessageSaysItHasNoSender() {
        Message copy = new Message(new byte[0], received(null, "order-fulfilment.payment.payment-authorized"));

        orchestrator.carryOrigin(copy);

        assertThat(copy.getMessageProperties().getHeaders()).containsEntry(SenderIdentity.SENDER, "");
    }

    @Test
    void aReaderWithoutAUserOfItsOwnBelievesNoHeader() {
        MessageProperties props = received("orchestrator", "orchestrator.replies");
        props.setHeader(SenderIdentity.SENDER, "payment");

        assertThat(SenderIdentity.NONE.originOf(props))
                .isEqualTo(new MessageOrigin("orchestrator", "orchestrator.replies"));
    }

    private static MessageProperties received(String userId, String routingKey) {
        MessageProperties props = new MessageProperties();
        props.setReceivedUserId(userId);
        props.setReceivedRoutingKey(routingKey);
        return props;
    }
}
