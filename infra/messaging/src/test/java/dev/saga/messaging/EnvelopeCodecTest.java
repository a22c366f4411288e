package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.saga.contract.order.ApproveOrder;
import dev.saga.contract.payment.AuthorizePayment;
import dev.saga.contract.schema.MessageContract;
import dev.saga.definition.MessageTypes;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;

/** The codec writes a payload at its type's current version and reads any released version as the current record. */
class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec(new ObjectMapper(), MessageRegistry.of(MessageContract.of(
            List.of(AuthorizePayment.class, ApproveOrder.class), List.of(AuthorizePayment.FROM_V1))));

    @Test
    void stampsTheCurrentVersionOfThePayloadsType() {
        AuthorizePayment command = new AuthorizePayment(UUID.randomUUID(), "alice", 2500);

        Message message = codec.encode(Envelope.event(MessageTypes.nameOf(AuthorizePayment.class)), command);

        assertThat(message.getMessageProperties().getHeaders()).containsEntry(EnvelopeCodec.TYPE_VERSION, 2);
        assertThat(codec.fromAmqp(message).payload()).isEqualTo(command);
        assertThat(codec.encode(Envelope.event("order.ApproveOrder"), new ApproveOrder(UUID.randomUUID()))
                .getMessageProperties().getHeaders()).containsEntry(EnvelopeCodec.TYPE_VERSION, 1);
    }

    @Test
    void readsAnOlderVersionAsTheCurrentRecord() {
        UUID orderId = UUID.randomUUID();
        Envelope versionOne = Envelope.event("payment.AuthorizePayment");

        IncomingMessage read = codec.fromAmqp(codec.toAmqp(versionOne,
                "{\"orderId\":\"" + orderId + "\",\"accountId\":\"bob\",\"amountCents\":10}"));

        assertThat(read.envelope().typeVersion()).isEqualTo(1);
        assertThat(read.payload()).isEqualTo(new AuthorizePayment(orderId, "bob", 10, "EUR"));
    }

    @Test
    void aBodyThatBreaksItsSchemaIsMalformedWithTheValidationError() {
        Message invalid = codec.toAmqp(Envelope.event("order.ApproveOrder"), "{\"orderId\":42}");

        assertThatThrownBy(() -> codec.fromAmqp(invalid)).isInstanceOf(MalformedMessageException.class)
                .hasMessage("order.ApproveOrder v1 does not match its schema: "
                        + "$.orderId: integer found, string expected");
    }

    @Test
    void aTypeNobodyRegisteredIsMalformed() {
        Message unregistered = codec.toAmqp(Envelope.event("inventory.ReserveStock"), "{}");

        assertThatThrownBy(() -> codec.fromAmqp(unregistered)).isInstanceOf(MalformedMessageException.class)
                .hasMessage("Unknown message type 'inventory.ReserveStock'");
    }
}
