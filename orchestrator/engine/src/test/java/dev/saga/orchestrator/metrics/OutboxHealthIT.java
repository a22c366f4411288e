package dev.saga.orchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.saga.messaging.Topology;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.engine.SagaTimeline;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox with nobody listening. A saga's end event is a notification: nobody subscribed to it is normal, so
 * its row goes once confirmed and health stays UP. A command must reach its participant: with no queue bound it
 * stays in the outbox with its error, health goes DOWN once it is older than the allowed lag, and it is published
 * once a queue is bound. The lag allowed here is one second.
 */
@TestPropertySource(properties = "saga.outbox.max-lag=1s")
@DirtiesContext // its own context: closed after the class, so its connections do not stay with the cached ones
class OutboxHealthIT extends OrchestratorTestBase {

    private static final Binding EVERY_COMMAND = new Binding("test.commands", Binding.DestinationType.QUEUE,
            Topology.COMMANDS, "#", null);

    @Autowired
    private AmqpAdmin admin;

    @Test
    void aSagaEndEventNobodySubscribedToIsConfirmedAndForgottenAndHealthStaysUp() {
        UUID sagaId = sagaAt("COMPLETED");
        UUID endEvent = timeline.of(sagaId).stream().filter(e -> e.kind() == SagaTimeline.Kind.SAGA_ENDED)
                .findFirst().orElseThrow().messageId();

        await().atMost(Duration.ofSeconds(10)).until(() -> rows(endEvent) == 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> outboxHealth().equals("UP"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL", Integer.class))
                .isZero();
    }

    @Test
    void aCommandNoQueueTakesStaysWithItsErrorTurnsHealthDownAndGoesOnceAQueueIsBound() {
        admin.removeBinding(EVERY_COMMAND);
        UUID sagaId = startOrder();
        UUID command = UUID.nameUUIDFromBytes((sagaId + "/reserve-stock").getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox"
                + " WHERE message_id = ? AND mandatory AND last_error LIKE 'returned as unroutable%'",
                Integer.class, command) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxHealth().equals("DOWN"));

        admin.declareBinding(EVERY_COMMAND);
        assertThat(commands.awaitOne(m -> command.equals(m.envelope().messageId())).envelope().sagaId())
                .isEqualTo(sagaId);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(command) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxHealth().equals("UP"));
    }

    private int rows(UUID messageId) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_id = ?", Integer.class, messageId);
    }

    private String outboxHealth() {
        return http.getForEntity("/actuator/health", JsonNode.class).getBody()
                .path("components").path("outbox").path("status").asText();
    }
}
