package dev.saga.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;

/** The shape of a work queue's retry tiers, as the broker will be asked to declare them, and of the exchanges. */
class TopologyTest {

    private final RetrySettings retry = new RetrySettings(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10)));

    @Test
    void eachTierHoldsMessagesForItsDelayThenReturnsThemToTheWorkQueue() {
        Queue tier = queue("inventory.commands.retry.2");

        assertThat(tier.getArguments())
                .containsEntry("x-queue-type", "quorum")
                .containsEntry("x-message-ttl", 10_000)
                .containsEntry("x-dead-letter-exchange", Topology.RETRY)
                .containsEntry("x-dead-letter-routing-key", "inventory.commands")
                .containsEntry("x-dead-letter-strategy", "at-least-once")
                .containsEntry("x-overflow", "reject-publish");
    }

    @Test
    void eachTierIsReachedThroughTheRetryExchangeByQueueAndTier() {
        assertThat(Topology.workQueue("inventory.commands", retry, Topology.COMMANDS, "inventory.#")
                .getDeclarablesByType(Binding.class))
                .filteredOn(binding -> Topology.RETRY.equals(binding.getExchange()))
                .extracting(Binding::getRoutingKey, Binding::getDestination)
                .containsExactly(
                        tuple("inventory.commands", "inventory.commands"),
                        tuple("inventory.commands.1", "inventory.commands.retry.1"),
                        tuple("inventory.commands.2", "inventory.commands.retry.2"));
    }

    @Test
    void theExchangesSetupCreatesAreTheOnesTheServicesCheckFor() throws IOException {
        JsonNode exchanges = new ObjectMapper().readTree(Path.of("../rabbitmq/definitions.json").toFile())
                .get("exchanges");

        assertThat(exchanges).extracting(e -> e.get("name").asText())
                .containsExactlyInAnyOrderElementsOf(Topology.EXCHANGES);
        assertThat(exchanges).allSatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("topic");
            assertThat(e.get("durable").asBoolean()).isTrue();
        });
    }

    private Queue queue(String name) {
        return Topology.workQueue("inventory.commands", retry, Topology.COMMANDS, "inventory.#")
                .getDeclarablesByType(Queue.class).stream()
                .filter(q -> q.getName().equals(name))
                .findFirst().orElseThrow();
    }
}
