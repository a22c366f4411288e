package dev.saga.orchestrator.deadletter;

import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.stereotype.Component;

/**
 * Takes messages off a parking queue one at a time ({@code basic.get}, manual acknowledgement) in a single pass
 * over the messages that were there when it began. A wanted message is handed over and acknowledged only if it
 * was taken care of; every other one stays unacknowledged until the pass ends and then goes back to the queue.
 * Holding them that long is what ends the pass: a quorum queue hands out a returned message again first.
 */
@Component
class ParkingQueueSweep {

    /** What to do with a wanted message; true if it may leave the parking queue, false to put it back. */
    @FunctionalInterface
    interface Handling {
        boolean take(Message parked);
    }

    private final RabbitTemplate rabbit;
    private final MessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();

    ParkingQueueSweep(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /**
     * Hands up to {@code most} wanted messages of {@code queue} to {@code handling}, in queue order; returns how
     * many were wanted (taken or not).
     */
    int sweep(String queue, Predicate<Message> wanted, int most, Handling handling) {
        Integer found = rabbit.execute(channel -> {
            long present = channel.messageCount(queue);
            List<Long> putBack = new ArrayList<>();
            int matched = 0;
            try {
                for (long seen = 0; seen < present && matched < most; seen++) {
                    GetResponse got = channel.basicGet(queue, false);
                    if (got == null) {
                        break;
                    }
                    long tag = got.getEnvelope().getDeliveryTag();
                    Message parked = new Message(got.getBody(), properties.toMessageProperties(got.getProps(),
                            got.getEnvelope(), StandardCharsets.UTF_8.name()));
                    if (!wanted.test(parked)) {
                        putBack.add(tag);
                        continue;
                    }
                    matched++;
                    boolean taken = false;
                    try {
                        taken = handling.take(parked);
                    } finally {
                        if (taken) {
                            channel.basicAck(tag, false);
                        } else {
                            putBack.add(tag);
                        }
                    }
                }
            } finally {
                // A channel the broker closed has returned them all already.
                if (channel.isOpen()) {
                    for (long tag : putBack) {
                        channel.basicNack(tag, false, true);
                    }
                }
            }
            return matched;
        });
        return found == null ? 0 : found;
    }
}
