package dev.saga.messaging;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records every batch a consumer hands it, for {@link BatchingConsumerIT}. Like a real handler it works in one
 * transaction: a batch holding a message it fails on throws and leaves nothing handled.
 */
final class RecordingHandler implements BatchHandler {

    private final List<List<UUID>> attempts = new CopyOnWriteArrayList<>();
    private final List<List<UUID>> calls = new CopyOnWriteArrayList<>();
    private final Set<UUID> failing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean first = new AtomicBoolean(true);
    private final AtomicBoolean holding = new AtomicBoolean();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean hold;

    void failOn(UUID messageId) {
        failing.add(messageId);
    }

    /** Holds the first call on the consumer's thread until {@link #release()}. */
    void holdFirstCall() {
        hold = true;
    }

    /** Set once the first call is held. */
    AtomicBoolean holding() {
        return holding;
    }

    void release() {
        released.countDown();
    }

    @Override
    public void handle(List<IncomingMessage> batch) {
        if (hold && first.compareAndSet(true, false)) {
            holding.set(true);
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<UUID> ids = batch.stream().map(message -> message.envelope().messageId()).toList();
        attempts.add(ids);
        if (ids.stream().anyMatch(failing::contains)) {
            throw new IllegalStateException("fails on " + ids);
        }
        calls.add(ids);
    }

    /** Every call, the failed ones included. */
    List<List<UUID>> attempts() {
        return List.copyOf(attempts);
    }

    /** The calls that succeeded. */
    List<List<UUID>> calls() {
        return List.copyOf(calls);
    }

    List<UUID> handled() {
        return calls.stream().flatMap(List::stream).toList();
    }
}
