package dev.saga.orchestrator.intake;

import dev.saga.messaging.BatchHandler;
import dev.saga.orchestrator.engine.SagaRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds new sagas back while {@link AdmissionSettings#maxInFlight()} sagas are in flight. Without a limit, more
 * starts than the system completes fill every queue with work for thousands of sagas: each step waits behind
 * all of them, deadlines fire and resend, and completions fall to a fraction of the maximum. With it, the
 * excess waits in {@code orchestrator.saga-starts} (durable, and visible in the management UI) and the sagas
 * in flight keep their pace.
 *
 * <p>Starts are admitted by batch: as many of a batch as there is room for go together, the rest wait. A start
 * waits on the consumer thread that took it, which holds back that consumer's prefetch too. The
 * count is the database's (every orchestrator instance sees the same), read again at most every
 * {@link AdmissionSettings#recount()}; this instance's starts being handled, and those handled since the read,
 * count as in flight too, so one instance never exceeds the limit (several may, by the starts in their hands).
 * A start held longer than the broker's {@code consumer_timeout} (30 minutes by default) goes back to the queue
 * and counts toward its delivery limit ({@code Topology.DELIVERY_LIMIT}), past which it is parked.
 */
public class SagaAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(SagaAdmission.class);
    private static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final IntSupplier inFlight;
    private final AdmissionSettings settings;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Counter held;

    private long countedAt;
    private int counted;
    private int handledSinceCount;
    private int inHand;
    private long reportedAt;

    public SagaAdmission(SagaRepository sagas, AdmissionSettings settings, MeterRegistry registry) {
        this(sagas::inFlight, settings, registry);
    }

    /** Counting the sagas in flight with {@code inFlight}. */
    SagaAdmission(IntSupplier inFlight, AdmissionSettings settings, MeterRegistry registry) {
        this.inFlight = inFlight;
        this.settings = settings;
        registry.gauge("saga.admission.waiting", waiting);
        registry.gauge("saga.admission.limit", settings, AdmissionSettings::maxInFlight);
        this.held = registry.counter("saga.admission.held");
        this.countedAt = System.nanoTime() - settings.recount().toNanos();
        this.reportedAt = countedAt - REPORT_EVERY_NANOS;
    }

    /**
     * The start listener behind the gate. Of a batch, as many starts as there is room for are handled together
     * (one transaction), and the rest wait for room; so a large batch never takes the count past the limit.
     * While {@code active} says the consumer runs, a start waits for room; when it stops, the waiting starts
     * fail and go back to the queue unhandled (those already handled are started, and a redelivered copy of
     * one only adds a timeline line).
     */
    BatchHandler gate(BatchHandler starts, BooleanSupplier active) {
        if (!settings.limited()) {
            return starts;
        }
        return batch -> {
            int from = 0;
            while (from < batch.size()) {
                int admitted = awaitRoom(active, batch.size() - from);
                try {
                    starts.handle(batch.subList(from, from + admitted));
                } finally {
                    handled(admitted);
                }
                from += admitted;
            }
        };
    }

    /** Waits until at least one of {@code wanted} starts may go; how many may (at most {@code wanted}). */
    private int awaitRoom(BooleanSupplier active, int wanted) {
        int admitted = tryAdmit(wanted);
        if (admitted > 0) {
            return admitted;
        }
        held.increment();
        waiting.incrementAndGet();
        try {
            do {
                if (!active.getAsBoolean()) {
                    throw new IllegalStateException("Saga start not admitted: the start listener is stopping");
                }
                TimeUnit.NANOSECONDS.sleep(settings.recount().toNanos());
                admitted = tryAdmit(wanted);
            } while (admitted == 0);
            return admitted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Saga start not admitted: interrupted while waiting for room", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private synchronized int tryAdmit(int wanted) {
        long now = System.nanoTime();
        if (now - countedAt >= settings.recount().toNanos()) {
            counted = inFlight.getAsInt();
            handledSinceCount = 0;
            countedAt = now;
        }
        // A start handled since the read may be in it too: counted twice until the next read, never missed.
        int inFlightNow = counted + handledSinceCount + inHand;
        int room = settings.maxInFlight() - inFlightNow;
        if (room > 0) {
            int admitted = Math.min(room, wanted);
            inHand += admitted;
            return admitted;
        }
        if (now - reportedAt >= REPORT_EVERY_NANOS) {
            reportedAt = now;
            LOG.warn("Saga starts wait: {} sagas in flight, the limit (saga.admission.max-in-flight) is {}; new"
                    + " starts stay in {} until sagas finish", inFlightNow, settings.maxInFlight(),
                    OrchestratorQueues.SAGA_STARTS);
        }
        return 0;
    }

    private synchronized void handled(int starts) {
        inHand -= starts;
        handledSinceCount += starts;
    }
}
