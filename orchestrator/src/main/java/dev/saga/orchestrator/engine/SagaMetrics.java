package dev.saga.orchestrator.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the engine counts, by saga type: sagas started, ended by outcome, stuck, deadlines fired; how long a
 * step waited for its reply and a saga took from start to end. Counted after commit, so a transaction that
 * rolls back (and is retried) counts once.
 */
@Component
public class SagaMetrics {

    private final MeterRegistry registry;

    public SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void started(String type) {
        afterCommit(() -> registry.counter("saga.started", "type", type).increment());
    }

    void ended(String type, SagaStatus outcome, Instant startedAt) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        afterCommit(() -> {
            registry.counter("saga.ended", "type", type, "outcome", name).increment();
            if (startedAt != null) {
                Timer.builder("saga.duration").tags("type", type, "outcome", name).register(registry)
                        .record(Duration.between(startedAt, Instant.now()));
            }
        });
    }

    void stuck(String type, String step) {
        afterCommit(() -> registry.counter("saga.stuck", "type", type, "step", step).increment());
    }

    void deadlineFired(String type, String step) {
        afterCommit(() -> registry.counter("saga.deadline.fired", "type", type, "step", step).increment());
    }

    /** A step's reply arrived {@code waited} after its current attempt was sent. */
    void stepAnswered(String type, String step, Duration waited) {
        afterCommit(() -> Timer.builder("saga.step.latency").tags("type", type, "step", step).register(registry)
                .record(waited));
    }

    private static void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
