package dev.saga.orchestrator.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The depth of every parking queue of the virtual host as the gauge {@code saga.parking.depth{queue=...}},
 * read from the management API every {@code saga.metrics.parking-refresh} (not on each scrape, so a slow or
 * absent management API never slows a scrape). Anything above zero needs an operator.
 */
@Component
class ParkingQueueDepths implements MeterBinder, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ParkingQueueDepths.class);

    private final RabbitManagement management;
    private final Duration refresh;
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parking-queue-depths");
        thread.setDaemon(true);
        return thread;
    });

    ParkingQueueDepths(RabbitManagement management,
                       @Value("${saga.metrics.parking-refresh:15s}") Duration refresh) {
        this.management = management;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MultiGauge depths = MultiGauge.builder("saga.parking.depth")
                .description("messages waiting in a parking queue for an operator").baseUnit("messages")
                .register(registry);
        reader.scheduleWithFixedDelay(() -> read(depths), 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read(MultiGauge depths) {
        try {
            List<ParkingQueue> queues = management.parkingQueues();
            depths.register(queues.stream().map(queue -> MultiGauge.Row.of(Tags.of("queue", queue.queue(),
                    "work_queue", queue.workQueue()), queue.depth())).toList(), true);
        } catch (RuntimeException e) {
            // Keeps the last depths; the dead-letter API reports the management API's failure to whoever asks.
            LOG.debug("Parking queue depths not read: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
    }
}
