package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

class BatchesTest {

    @Test
    void keepsFreshMessagesTogetherUpToTheBatchSizeInDeliveryOrder() {
        assertThat(Batches.of(List.of("a", "b", "c", "d", "e"), m -> false, 2))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    }

    @Test
    void handsEachRedeliveredMessageOverAloneBetweenTheRunsAroundIt() {
        assertThat(Batches.of(List.of("a", "b", "R1", "c", "R2", "R3", "d"), m -> m.startsWith("R"), 16))
                .containsExactly(List.of("a", "b"), List.of("R1"), List.of("c"), List.of("R2"), List.of("R3"),
                        List.of("d"));
    }

    @Test
    void takesTheRedeliveredFlagOrAQuorumQueueDeliveryCountForARedelivery() {
        assertThat(BatchProcessor.redelivered(delivery(false, null))).isFalse();
        assertThat(BatchProcessor.redelivered(delivery(false, 0L))).isFalse();
        assertThat(BatchProcessor.redelivered(delivery(true, null))).isTrue();
        assertThat(BatchProcessor.redelivered(delivery(false, 2L))).isTrue();
    }

    private static Message delivery(boolean redelivered, Long deliveryCount) {
        MessageProperties props = new MessageProperties();
        props.setRedelivered(redelivered);
        if (deliveryCount != null) {
            props.setHeader("x-delivery-count", deliveryCount);
        }
        return new Message(new byte[0], props);
    }
}
