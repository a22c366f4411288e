package dev.saga.orchestrator.metrics;

import dev.saga.orchestrator.engine.plan.SagaStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Timers by their tags, looked up once: building a timer for every reply was a fair share of allocations. */
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void started(String type) {
        afterCommit(() -> registry.counter("saga.started", "type", type).increment());
    }

    public void ended(String type, SagaStatus outcome, Instant startedAt) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        afterCommit(() -> {
            registry.counter("saga.ended", "type", type, "outcome", name).increment();
            if (startedAt != null) {
                timer("saga.duration", "type", type, "outcome", name)
                        .record(Duration.between(startedAt, Instant.now()));
            }
        });
    }

    public void stuck(String type, String step) {
        afterCommit(() -> registry.counter("saga.stuck", "type", type, "step", step).increment());
    }

    public void deadlineFired(String type, String step) {
        afterCommit(() -> registry.counter("saga.deadline.fired", "type", type, "step", step).increment());
    }

    /** A saga's own deadline expired before it finished: {@code saga_deadline_expired_total}. */
    public void sagaDeadlineExpired(String type, String step) {
        afterCommit(() -> registry.counter("saga.deadline.expired", "type", type, "step", step).increment());
    }

    /** A step's reply arrived {@code waited} after its current attempt was sent. */
    public void stepAnswered(String type, String step, Duration waited) {
        afterCommit(() -> timer("saga.step.latency", "type", type, "step", step).record(waited));
    }

    private Timer timer(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return timers.computeIfAbsent(key, k -> Timer.builder(name).tags(tags).register(registry));
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
