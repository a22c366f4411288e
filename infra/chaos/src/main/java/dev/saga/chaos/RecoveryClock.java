package dev.saga.chaos;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Measures how long the system takes to recover from each fault: from the moment the fault cleared until
 * every order of the scenario placed before that moment has a saga that ended (or gave up: stuck, failed).
 */
final class RecoveryClock {

    static final String UNSETTLED = """
            FROM orders.orders o
            LEFT JOIN orchestrator.saga s ON s.type = 'order-fulfilment' AND s.business_key = o.id::text
            WHERE (s.status IS NULL OR s.status IN ('RUNNING', 'COMPENSATING'))""";

    private final Database db;
    private final Instant scenarioStart;
    private final List<Tracker> trackers = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private final Thread poller;

    RecoveryClock(Database db, Instant scenarioStart) {
        this.db = db;
        this.scenarioStart = scenarioStart;
        poller = new Thread(this::pollUntilStopped, "recovery-clock");
        poller.setDaemon(true);
        poller.start();
    }

    /** The fault described by {@code what} is over: the system should now catch up. */
    void faultCleared(String what) {
        Instant cleared = Instant.now();
        List<String> pending = retrying(() -> db.strings("SELECT o.id::text " + UNSETTLED
                + " AND o.created_at >= ?", Timestamp.from(scenarioStart)));
        trackers.add(new Tracker(what, cleared, pending));
    }

    /** Stops measuring; the longest recovery, or empty when some fault's sagas never settled. */
    Result stop() {
        running = false;
        poller.interrupt();
        pollOnce();
        Duration longest = Duration.ZERO;
        List<String> unrecovered = new ArrayList<>();
        for (Tracker tracker : trackers) {
            if (tracker.recovered == null) {
                unrecovered.add(tracker.what);
            } else if (tracker.recovered.compareTo(longest) > 0) {
                longest = tracker.recovered;
            }
        }
        return new Result(longest, trackers.size(), unrecovered);
    }

    record Result(Duration longest, int faults, List<String> unrecovered) {
        Optional<Duration> longestIfAllRecovered() {
            return unrecovered.isEmpty() ? Optional.of(longest) : Optional.empty();
        }
    }

    private void pollUntilStopped() {
        while (running) {
            try {
                pollOnce();
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database may be the fault being injected; the next poll tries again
            }
        }
    }

    private void pollOnce() {
        for (Tracker tracker : trackers) {
            if (tracker.recovered != null) {
                continue;
            }
            long left = tracker.pending.isEmpty() ? 0 : db.count("SELECT count(*) " + UNSETTLED
                    + " AND o.id::text = ANY(?)", Database.textArray(tracker.pending));
            if (left == 0) {
                tracker.recovered = Duration.between(tracker.cleared, Instant.now());
            }
        }
    }

    private static <T> T retrying(java.util.function.Supplier<T> query) {
        RuntimeException last = null;
        for (int i = 0; i < 60; i++) {
            try {
                return query.get();
            } catch (RuntimeException e) {
                last = e;
                Pause.seconds(1);
            }
        }
        throw last;
    }

    private static final class Tracker {
        final String what;
        final Instant cleared;
        final List<String> pending;
        volatile Duration recovered;

        Tracker(String what, Instant cleared, List<String> pending) {
            this.what = what;
            this.cleared = cleared;
            this.pending = pending;
        }
    }
}
