package dev.saga.orchestrator.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.OrchestratorTestBase;
import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Step deadlines are rows of the timer table: one per waiting saga, moved on with each step, fired by the
 * scanner, and gone once the saga ends or gives up. Two attempts per step here, so a deadline resends first.
 */
@TestPropertySource(properties = "saga.deadlines.attempts-override=2")
@DirtiesContext // its own context: closed after the class, so its connections do not stay with the cached ones
class StepDeadlinesIT extends OrchestratorTestBase {

    @Test
    void aWaitingSagaHasOneStepDeadlineTheApiShows() {
        UUID sagaId = sagaAt("authorize-payment");

        assertThat(jdbc.queryForList("SELECT timer_kind FROM saga_timer WHERE saga_id = ?", String.class, sagaId))
                .containsExactly("STEP_DEADLINE");
        assertThat(Instant.parse(saga(sagaId).get("deadlineAt").asText())).isEqualTo(dueAt(sagaId));
    }

    @Test
    void aDueDeadlineResendsTheCommandAsTheNextAttemptAndSetsItsDeadline() {
        UUID sagaId = startOrder();
        Instant firstDue = dueAt(sagaId);

        expireDeadline(sagaId);

        await().atMost(Duration.ofSeconds(10)).until(() -> sagas.find(sagaId).orElseThrow().attempt() == 2);
        List<IncomingMessage> sent = commands.await(m -> sagaId.equals(m.envelope().sagaId()), 2);
        assertThat(sent.get(1).envelope().messageId()).isEqualTo(sent.get(0).envelope().messageId());
        assertThat(sent.get(1).envelope().attempt()).isEqualTo(2);
        assertThat(kinds(saga(sagaId))).containsExactly("SAGA_STARTED", "COMMAND_SENT", "DEADLINE_FIRED",
                "COMMAND_SENT");
        assertThat(dueAt(sagaId)).isAfter(firstDue);
    }

    @Test
    void aFinishedSagaHasNoTimer() {
        UUID sagaId = sagaAt("COMPLETED");

        assertThat(timers(sagaId)).isZero();
        assertThat(saga(sagaId).get("deadlineAt").isNull()).isTrue();
    }

    @Test
    void aSagaThatGaveUpHasNoTimer() {
        UUID sagaId = sagaAt("schedule-shipment");

        expireDeadline(sagaId);
        await().atMost(Duration.ofSeconds(10)).until(() -> sagas.find(sagaId).orElseThrow().attempt() == 2);
        expireDeadline(sagaId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sagas.find(sagaId).orElseThrow().status()).isEqualTo(SagaStatus.STUCK));
        assertThat(timers(sagaId)).isZero();
    }

    private Instant dueAt(UUID sagaId) {
        return jdbc.queryForObject("SELECT due_at FROM saga_timer WHERE saga_id = ? AND timer_kind = 'STEP_DEADLINE'",
                Timestamp.class, sagaId).toInstant();
    }

    private int timers(UUID sagaId) {
        return jdbc.queryForObject("SELECT count(*) FROM saga_timer WHERE saga_id = ?", Integer.class, sagaId);
    }
}
