package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** How many retries a message already had, read from what the broker recorded in {@code x-death}. */
class FailureRouterTest {

    private final RabbitTemplate unused = new RabbitTemplate();
    private final FailureRouter router = new FailureRouter(unused,
            new ParkingLot(unused, new SenderIdentity("inventory")),
            new RetrySettings(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60))));

    @Test
    void aMessageThatNeverWaitedInATierHadNoRetries() {
        assertThat(router.retriesSoFar(message(), "inventory.commands")).isZero();
    }

    @Test
    void countsEveryReturnFromTheQueuesOwnTiers() {
        Message message = message(
                death("inventory.commands.retry.2", 1),
                death("inventory.commands.retry.1", 1));

        assertThat(router.retriesSoFar(message, "inventory.commands")).isEqualTo(2);
    }

    @Test
    void addsUpATierTheMessageWentThroughMoreThanOnce() {
        Message message = message(death("inventory.commands.retry.1", 2));

        assertThat(router.retriesSoFar(message, "inventory.commands")).isEqualTo(2);
    }

    @Test
    void ignoresDeathsInOtherQueues() {
        Message message = message(
                death("inventory.commands", 1),
                death("payment.commands.retry.1", 1),
                death("inventory.commands.retry.4", 1),
                death("inventory.commands.retry.1", 1));

        assertThat(router.retriesSoFar(message, "inventory.commands")).isEqualTo(1);
    }

    @SafeVarargs
    private static Message message(Map<String, Object>... deaths) {
        MessageProperties props = new MessageProperties();
        if (deaths.length > 0) {
            props.setHeader("x-death", List.of(deaths));
        }
        return new Message(new byte[0], props);
    }

    private static Map<String, Object> death(String queue, long count) {
        return Map.of("queue", queue, "count", count, "reason", "expired");
    }
}
