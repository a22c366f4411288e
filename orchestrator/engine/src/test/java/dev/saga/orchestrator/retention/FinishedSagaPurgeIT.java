package dev.saga.orchestrator.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saga.messaging.testing.RealServices;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job against real PostgreSQL with the orchestrator's own schema: finished sagas past their age go
 * with their timelines, in batches; sagas still running, stuck, failed, or finished recently stay.
 */
@SpringBootTest(properties = {
    "saga.admin.viewer.username=viewer", "saga.admin.viewer.password=viewer-pass",
    "saga.admin.operator.username=operator", "saga.admin.operator.password=operator-pass",
    "saga.retention.enabled=true", "saga.retention.max-age=1d", "saga.retention.interval=1h",
    "saga.retention.batch-size=2", "saga.retention.pause=1ms"})
class FinishedSagaPurgeIT {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private FinishedSagaPurge purge;
    @Autowired
    private RetentionSettings settings;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        RealServices.register(registry);
    }

    @BeforeEach
    void emptyTables() {
        jdbc.update("DELETE FROM saga_timeline");
        jdbc.update("DELETE FROM saga_start_request");
        jdbc.update("DELETE FROM saga");
        jdbc.update("DELETE FROM saga_timeline_archive");
        jdbc.update("DELETE FROM saga_archive");
    }

    @Test
    void purgesFinishedSagasPastTheirAgeInBatchesAndKeepsEverythingElse() {
        UUID oldCompleted = saga("COMPLETED", Duration.ofDays(3));
        UUID oldCompensated = saga("COMPENSATED", Duration.ofDays(2));
        UUID anotherOldCompleted = saga("COMPLETED", Duration.ofDays(5));
        UUID recentCompleted = saga("COMPLETED", Duration.ofHours(2));
        UUID oldStuck = saga("STUCK", Duration.ofDays(9));
        UUID oldFailed = saga("FAILED", Duration.ofDays(9));
        UUID oldRunning = saga("RUNNING", Duration.ofDays(9));
        startRequestFor(oldCompleted);

        long removed = purge.purgeDue();

        assertThat(removed).isEqualTo(3);
        assertThat(remainingSagas()).containsExactlyInAnyOrder(recentCompleted, oldStuck, oldFailed, oldRunning);
        assertThat(timelineRowsOf(oldCompleted, oldCompensated, anotherOldCompleted)).isZero();
        assertThat(timelineRowsOf(recentCompleted, oldStuck, oldFailed, oldRunning)).isEqualTo(4 * 3);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_start_request", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_archive", Long.class)).isZero();
        assertThat(purge.purgeDue()).isZero();
    }

    @Test
    void archivesFinishedSagasWithTheirTimelinesBeforeRemovingThem() {
        UUID oldCompleted = saga("COMPLETED", Duration.ofDays(3));
        UUID oldCompensated = saga("COMPENSATED", Duration.ofDays(2));
        UUID oldStuck = saga("STUCK", Duration.ofDays(9));
        FinishedSagaPurge archiving = new FinishedSagaPurge(jdbc, transaction, new RetentionSettings(true,
                settings.maxAge(), settings.interval(), 1, Duration.ZERO, RetentionSettings.Mode.ARCHIVE));

        assertThat(archiving.purgeDue()).isEqualTo(2);

        assertThat(remainingSagas()).containsExactly(oldStuck);
        assertThat(jdbc.queryForList("SELECT id FROM saga_archive", UUID.class))
                .containsExactlyInAnyOrder(oldCompleted, oldCompensated);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM saga_timeline_archive WHERE saga_id IN (?, ?)",
                Long.class, oldCompleted, oldCompensated)).isEqualTo(2 * 3);
        assertThat(jdbc.queryForObject("SELECT status FROM saga_archive WHERE id = ?", String.class,
                oldCompensated)).isEqualTo("COMPENSATED");
    }

    @Test
    void skipsASagaThatAnEngineTransactionHoldsAndTakesItNextTime() {
        UUID held = saga("COMPLETED", Duration.ofDays(3));
        saga("COMPLETED", Duration.ofDays(3));

        Integer removedMeanwhile = transaction.execute(status -> {
            jdbc.queryForList("SELECT id FROM saga WHERE id = ? FOR UPDATE", UUID.class, held);
            return CompletableFuture.supplyAsync(purge::purgeOneBatch).orTimeout(10, TimeUnit.SECONDS).join();
        });

        assertThat(removedMeanwhile).isEqualTo(1);
        assertThat(remainingSagas()).containsExactly(held);
        assertThat(purge.purgeDue()).isEqualTo(1);
        assertThat(remainingSagas()).isEmpty();
    }

    /** A saga last changed {@code age} ago, with three timeline lines. */
    private UUID saga(String status, Duration age) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO saga (id, type, definition_version, business_key, status, machine_state, attempt, data,
                  created_at, updated_at)
                VALUES (?, 'order-fulfilment', 1, ?, ?, 'approve-order', 1, '{}'::jsonb,
                  now() - ? * interval '1 second' - interval '1 minute', now() - ? * interval '1 second')""",
                id, id.toString(), status, age.toSeconds(), age.toSeconds());
        for (String kind : new String[] {"SAGA_STARTED", "COMMAND_SENT", "REPLY_APPLIED"}) {
            jdbc.update("INSERT INTO saga_timeline (saga_id, kind, at) VALUES (?, ?, now() - ? * interval '1 second')",
                    id, kind, age.toSeconds());
        }
        return id;
    }

    private void startRequestFor(UUID sagaId) {
        jdbc.update("""
                INSERT INTO saga_start_request (saga_type, idempotency_key, fingerprint, saga_id, requested_by)
                VALUES ('order-fulfilment', ?, 'f', ?, 'operator')""", sagaId.toString(), sagaId);
    }

    private List<UUID> remainingSagas() {
        return jdbc.queryForList("SELECT id FROM saga", UUID.class);
    }

    private long timelineRowsOf(UUID... sagaIds) {
        long rows = 0;
        for (UUID id : sagaIds) {
            rows += jdbc.queryForObject("SELECT count(*) FROM saga_timeline WHERE saga_id = ?", Long.class, id);
        }
        return rows;
    }
}
