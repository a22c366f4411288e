package dev.saga.orchestrator.retention;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link FinishedSagaPurge} every {@code saga.retention.interval}, first one interval after start-up (not
 * while the orchestrator is busy catching up after a restart). A failed run is logged and tried again at the
 * next interval; nothing it leaves half done matters, since every batch is its own transaction.
 */
public class RetentionJob implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final FinishedSagaPurge purge;
    private final RetentionSettings settings;
    private ScheduledExecutorService scheduler;

    public RetentionJob(FinishedSagaPurge purge, RetentionSettings settings) {
        this.purge = purge;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "saga-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Saga retention on: {} COMPLETED/COMPENSATED sagas older than {}, every {}, {} per batch",
                settings.mode(), settings.maxAge(), settings.interval(), settings.batchSize());
    }

    void runOnce() {
        long began = System.nanoTime();
        try {
            long removed = purge.purgeDue();
            if (removed > 0) {
                LOG.info("Saga retention: {} {} finished sagas older than {} in {} ms", settings.mode(), removed,
                        settings.maxAge(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            }
        } catch (RuntimeException e) {
            LOG.warn("Saga retention run failed, trying again in {}: {}", settings.interval(), e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
