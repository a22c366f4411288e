package dev.saga.orchestrator.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** A parked message is named by its message_id, or without one by an id derived from its type and body. */
class ParkedMessageIdsTest {

    @Test
    void aMessageWithAMessageIdIsNamedByIt() {
        assertThat(ParkedMessageIds.of("m-1", "order.OrderCreated", bytes("{}"))).isEqualTo("m-1");
    }

    @Test
    void aMessageWithoutOneGetsTheSameDerivedIdEveryTime() {
        String id = ParkedMessageIds.of(null, "order.OrderCreated", bytes("{\"orderId\":1}"));

        assertThat(id).startsWith(ParkedMessageIds.DERIVED_PREFIX).hasSize(ParkedMessageIds.DERIVED_PREFIX.length()
                + 32);
        assertThat(ParkedMessageIds.of("", "order.OrderCreated", bytes("{\"orderId\":1}"))).isEqualTo(id);
        assertThat(ParkedMessageIds.of(message(null, "order.OrderCreated", bytes("{\"orderId\":1}")))).isEqualTo(id);
    }

    @Test
    void anotherBodyOrTypeGetsAnotherId() {
        String id = ParkedMessageIds.of(null, "order.OrderCreated", bytes("{\"orderId\":1}"));

        assertThat(ParkedMessageIds.of(null, "order.OrderCreated", bytes("{\"orderId\":2}"))).isNotEqualTo(id);
        assertThat(ParkedMessageIds.of(null, "order.OrderRejected", bytes("{\"orderId\":1}"))).isNotEqualTo(id);
        assertThat(ParkedMessageIds.of(null, null, bytes("{\"orderId\":1}"))).isNotEqualTo(id);
    }

    @Test
    void aBodyCutShortWhereAListingCutsItGetsTheIdOfTheWholeBody() {
        byte[] whole = new byte[RabbitManagement.BODY_LIMIT + 1000];
        Arrays.fill(whole, (byte) 'x');

        assertThat(ParkedMessageIds.of(null, "t", Arrays.copyOf(whole, RabbitManagement.BODY_LIMIT)))
                .isEqualTo(ParkedMessageIds.of(null, "t", whole));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Message message(String messageId, String type, byte[] body) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(messageId);
        props.setType(type);
        return new Message(body, props);
    }
}
