package dev.saga.orchestrator.deadlines;

import dev.saga.messaging.MessageTracing;
import dev.saga.orchestrator.engine.SagaEngine;
import dev.saga.orchestrator.engine.SagaRepository;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Polls the timer table for timers that are due and fires them: step deadlines and delays, then sagas' own
 * deadlines. Each saga is handled in its own
 * transaction under {@code FOR UPDATE SKIP LOCKED} on its saga row (which every writer of its timers holds), so
 * several orchestrator instances can scan at once and each deadline fires once. A deadline fires in a span of
 * the saga's own trace, so what it resends stays in it.
 */
@Component
public class DeadlineScanner implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineScanner.class);

    private final SagaRepository sagas;
    private final SagaEngine engine;
    private final DeadlineSettings settings;
    private final MessageTracing tracing;
    private volatile boolean running;
    private Thread worker;

    public DeadlineScanner(SagaRepository sagas, SagaEngine engine, DeadlineSettings settings,
                           MessageTracing tracing) {
        this.sagas = sagas;
        this.engine = engine;
        this.settings = settings;
        this.tracing = tracing;
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::scanUntilStopped, "deadline-scanner");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        worker.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void scanUntilStopped() {
        while (running) {
            try {
                scanOnce();
                Thread.sleep(settings.scanInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Deadline scan failed, trying again in {}: {}", settings.scanInterval(), e.toString());
            }
        }
    }

    void scanOnce() {
        for (UUID sagaId : sagas.overdue(settings.batchSize())) {
            fire("deadline", sagaId, () -> engine.fireDeadline(sagaId));
        }
        for (UUID sagaId : sagas.overdueSagas(settings.batchSize())) {
            fire("saga deadline", sagaId, () -> engine.fireSagaDeadline(sagaId));
        }
    }

    private void fire(String timer, UUID sagaId, Runnable firing) {
        try {
            tracing.continueTrace(sagas.traceparentOf(sagaId).orElse(null), timer, sagaId, firing);
        } catch (RuntimeException e) {
            LOG.warn("The {} of saga {} could not fire: {}", timer, sagaId, e.toString());
        }
    }
}
