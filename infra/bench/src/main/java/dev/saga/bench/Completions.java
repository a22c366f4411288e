package dev.saga.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds out when sagas end, cheaply: one thread asks the orchestrator's saga table, every
 * {@value #POLL_MILLIS} ms, which of the orders in flight have a terminal saga (one indexed query for all of
 * them, on a connection of its own). The end time is the saga row's {@code updated_at}, written by the
 * transaction that ended the saga, so the polling interval adds nothing to the measured durations.
 */
final class Completions implements AutoCloseable {

    static final long POLL_MILLIS = 25;
    private static final int BATCH = 5000;

    /** How an order's saga went: its outcome, and the times in microseconds since the epoch. */
    record Outcome(String orderId, String status, long requestedMicros, long createdMicros, long endedMicros) {

        double durationMillis() {
            return (endedMicros - requestedMicros) / 1000.0;
        }

        double intakeMillis() {
            return (createdMicros - requestedMicros) / 1000.0;
        }
    }

    private record Pending(long requestedMicros, CompletableFuture<Outcome> outcome) {
    }

    private final BenchDatabase database;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private final Thread poller;
    private volatile boolean running = true;

    Completions(Endpoints endpoints) {
        this.database = new BenchDatabase(endpoints);
        this.poller = new Thread(this::pollUntilClosed, "completions");
        poller.setDaemon(true);
        poller.start();
    }

    /** Watches the order placed at {@code requestedMicros}; the future completes when its saga ended. */
    CompletableFuture<Outcome> watch(String orderId, long requestedMicros) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        pending.put(orderId, new Pending(requestedMicros, outcome));
        return outcome;
    }

    int inFlight() {
        return pending.size();
    }

    /** Queries this watcher ran on the bench database, to subtract from its transaction count. */
    long polls() {
        return polls.get();
    }

    private void pollUntilClosed() {
        while (running) {
            long began = System.nanoTime();
            if (!pending.isEmpty()) {
                try {
                    pollOnce();
                } catch (RuntimeException e) {
                    System.err.println("completion poll failed, retrying: " + e);
                }
            }
            Sleep.millis(POLL_MILLIS - (System.nanoTime() - began) / 1_000_000);
        }
    }

    private void pollOnce() {
        List<String> ids = new ArrayList<>(pending.keySet());
        for (int from = 0; from < ids.size(); from += BATCH) {
            polls.incrementAndGet();
            for (BenchDatabase.Ended ended : database.ended(ids.subList(from, Math.min(ids.size(), from + BATCH)))) {
                Pending done = pending.remove(ended.orderId());
                if (done != null) {
                    done.outcome().complete(new Outcome(ended.orderId(), ended.status(), done.requestedMicros(),
                            ended.createdMicros(), ended.endedMicros()));
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            poller.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
