package dev.saga.participant.kit;

import dev.saga.messaging.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Faults a participant injects into its own message handling, for failure-injection runs only
 * ({@code infra/chaos}); inert unless {@code saga.faults.*} is set. {@code saga.faults.delay} (e.g. {@code PT5S})
 * handles every message that much later, as a slow service would; {@code saga.faults.failure-share} (0 to 1,
 * drawn from {@code saga.faults.seed}) fails that share of deliveries with a transient exception, which sends
 * the message through the retry tiers. No message fails more than {@code saga.faults.max-failures} times
 * (2, fewer than the three tiers), so the injected faults alone never park a message.
 * {@code saga.faults.halt-after-commit} (a message type, e.g. {@code payment.CapturePayment}) kills the process
 * the first time a batch holding that type committed, before its deliveries are acknowledged: the broker
 * delivers them again to the next consumer, whose inbox must absorb them.
 */
final class FaultInjection {

    static final FaultInjection NONE = new FaultInjection(Duration.ZERO, 0, 0, 0, null);
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);

    private final Duration delay;
    private final double failureShare;
    private final long seed;
    private final int maxFailures;
    private final String haltAfterCommitOf;
    private final Map<UUID, Integer> failuresSoFar = new ConcurrentHashMap<>();

    FaultInjection(Duration delay, double failureShare, long seed, int maxFailures, String haltAfterCommitOf) {
        if (failureShare < 0 || failureShare > 1) {
            throw new IllegalArgumentException("saga.faults.failure-share must be between 0 and 1: " + failureShare);
        }
        this.delay = delay;
        this.failureShare = failureShare;
        this.seed = seed;
        this.maxFailures = maxFailures;
        this.haltAfterCommitOf = haltAfterCommitOf;
    }

    static FaultInjection from(Environment environment) {
        Binder binder = Binder.get(environment);
        Duration delay = binder.bind("saga.faults.delay", Duration.class).orElse(Duration.ZERO);
        double share = binder.bind("saga.faults.failure-share", Double.class).orElse(0.0);
        String halt = binder.bind("saga.faults.halt-after-commit", String.class).orElse(null);
        if (delay.isZero() && share == 0 && halt == null) {
            return NONE;
        }
        LOG.warn("Fault injection on: every message delayed {}, {} of deliveries failing, halt after committing {}",
                delay, share, halt == null ? "never" : halt);
        return new FaultInjection(delay, share, binder.bind("saga.faults.seed", Long.class).orElse(0L),
                binder.bind("saga.faults.max-failures", Integer.class).orElse(2), halt);
    }

    /** Called before a message is handled: waits out the delay, then perhaps fails this delivery. */
    void beforeHandling(Envelope envelope) {
        if (this == NONE) {
            return;
        }
        if (!delay.isZero()) {
            sleep(delay);
        }
        if (failureShare > 0) {
            failSomeDeliveries(envelope.messageId());
        }
    }

    /** Called once a batch's transaction committed, before its deliveries are acknowledged. */
    void afterCommit(List<Envelope> batch) {
        if (haltAfterCommitOf != null && batch.stream().anyMatch(e -> haltAfterCommitOf.equals(e.type()))) {
            LOG.warn("Injected crash: halting after committing {} message(s), before their acknowledgement",
                    batch.size());
            Runtime.getRuntime().halt(137);
        }
    }

    /**
     * The draw depends on the seed, the message and how often it failed already, not on thread timing. The count
     * is kept after a success too: a resend of the same message id must not start a fresh round of failures.
     */
    private void failSomeDeliveries(UUID messageId) {
        int failed = failuresSoFar.getOrDefault(messageId, 0);
        long mix = seed ^ messageId.getMostSignificantBits() ^ Long.rotateLeft(messageId.getLeastSignificantBits(),
                17) ^ (failed * 0x9E3779B97F4A7C15L);
        if (failed < maxFailures && new SplittableRandom(mix).nextDouble() < failureShare) {
            failuresSoFar.put(messageId, failed + 1);
            throw new InjectedFault("Injected transient failure " + (failed + 1) + " of message " + messageId);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InjectedFault("Interrupted during an injected delay");
        }
    }

    /** A failure that a retry cures, as a lost database connection would be. */
    static final class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }
}
