package dev.saga.orchestrator.intake;

import dev.saga.messaging.BatchHandler;
import dev.saga.messaging.IncomingMessage;
import dev.saga.orchestrator.engine.SagaRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds new sagas back while {@link AdmissionSettings#maxInFlight()} sagas are in flight. Without a limit, more
 * starts than the system completes fill every queue with work for thousands of sagas: each step waits behind
 * all of them, deadlines fire and resend, and completions fall to a fraction of the maximum. With it, the
 * excess waits in {@code orchestrator.saga-starts} (durable, and visible in the management UI) and the sagas
 * in flight keep their pace.
 *
 * <p>A start waits on the consumer thread that took it, which holds back that consumer's prefetch too. The
 * count is the database's (every orchestrator instance sees the same), read again at most every
 * {@link AdmissionSettings#recount()}; this instance's starts being handled, and those handled since the read,
 * count as in flight too, so one instance never exceeds the limit (several may, by the starts in their hands).
 * A start held longer than the broker's {@code consumer_timeout} (30 minutes by default) goes back to the queue
 * and counts toward its delivery limit ({@code Topology.DELIVERY_LIMIT}), past which it is parked.
 */
public class SagaAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(SagaAdmission.class);
    private static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final SagaRepository sagas;
    private final AdmissionSettings settings;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Counter held;

    private long countedAt;
    private int counted;
    private int handledSinceCount;
    private int inHand;
    private long reportedAt;

    public SagaAdmission(SagaRepository sagas, AdmissionSettings settings, MeterRegistry registry) {
        this.sagas = sagas;
        this.settings = settings;
        registry.gauge("saga.admission.waiting", waiting);
        registry.gauge("saga.admission.limit", settings, AdmissionSettings::maxInFlight);
        this.held = registry.counter("saga.admission.held");
        this.countedAt = System.nanoTime() - settings.recount().toNanos();
        this.reportedAt = countedAt - REPORT_EVERY_NANOS;
    }

    /**
     * The start listener behind the gate. While {@code active} says the container runs, a start waits for room;
     * when the container stops, the waiting start fails and goes back to the queue unhandled.
     */
    BatchHandler gate(BatchHandler starts, BooleanSupplier active) {
        if (!settings.limited()) {
            return starts;
        }
        return batch -> {
            for (IncomingMessage start : batch) {
                awaitRoom(active);
                try {
                    starts.handle(List.of(start));
                } finally {
                    handled();
                }
            }
        };
    }

    private void awaitRoom(BooleanSupplier active) {
        if (tryAdmit()) {
            return;
        }
        held.increment();
        waiting.incrementAndGet();
        try {
            do {
                if (!active.getAsBoolean()) {
                    throw new IllegalStateException("Saga start not admitted: the start listener is stopping");
                }
                TimeUnit.NANOSECONDS.sleep(settings.recount().toNanos());
            } while (!tryAdmit());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Saga start not admitted: interrupted while waiting for room", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private synchronized boolean tryAdmit() {
        long now = System.nanoTime();
        if (now - countedAt >= settings.recount().toNanos()) {
            counted = sagas.inFlight();
            handledSinceCount = 0;
            countedAt = now;
        }
        // A start handled since the read may be in it too: counted twice until the next read, never missed.
        int inFlight = counted + handledSinceCount + inHand;
        if (inFlight < settings.maxInFlight()) {
            inHand++;
            return true;
        }
        if (now - reportedAt >= REPORT_EVERY_NANOS) {
            reportedAt = now;
            LOG.warn("Saga starts wait: {} sagas in flight, the limit (saga.admission.max-in-flight) is {}; new"
                    + " starts stay in {} until sagas finish", inFlight, settings.maxInFlight(),
                    OrchestratorQueues.SAGA_STARTS);
        }
        return false;
    }

    private synchronized void handled() {
        inHand--;
        handledSinceCount++;
    }
}
