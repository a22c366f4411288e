package dev.saga.chaos;

import dev.saga.testbed.SystemTopology;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Waits until the system is quiet: every order of the scenario has a saga that is no longer running or
 * compensating, every outbox is empty, the notification service heard of every ended saga, and no work or
 * retry queue holds a message, three polls in a row (the broker's statistics lag a little); or until the deadline.
 */
final class Quiet {

    private final Database db;
    private final Broker broker;

    Quiet(Database db, Broker broker) {
        this.db = db;
        this.broker = broker;
    }

    /** True when quiet was reached, false at the deadline. */
    boolean await(Instant scenarioStart, Duration within) {
        Instant deadline = Instant.now().plus(within);
        int quietPolls = 0;
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            String busy;
            try {
                busy = busy(scenarioStart);
            } catch (RuntimeException e) {
                busy = "cannot tell: " + e.getMessage().lines().findFirst().orElse("");
            }
            if (busy.isEmpty()) {
                if (++quietPolls >= 3) {
                    return true;
                }
            } else {
                quietPolls = 0;
                if (!busy.equals(last)) {
                    System.out.println("  waiting for quiet: " + busy);
                    last = busy;
                }
            }
            Pause.seconds(1);
        }
        return false;
    }

    /** What still moves, or empty. */
    private String busy(Instant scenarioStart) {
        long unsettled = db.count("SELECT count(*) " + RecoveryClock.UNSETTLED + " AND o.created_at >= ?",
                Timestamp.from(scenarioStart));
        if (unsettled > 0) {
            return unsettled + " orders without an ended saga";
        }
        for (String schema : SystemTopology.schemas()) {
            long rows = db.count("SELECT count(*) FROM " + schema + ".outbox");
            if (rows > 0) {
                return schema + " outbox holds " + rows;
            }
        }
        long unnotified = db.count("SELECT count(*) FROM orchestrator.saga WHERE status <> 'STUCK'")
                - db.count("SELECT count(*) FROM notification.inbox");
        if (unnotified != 0) {
            return unnotified + " ended sagas not yet notified";
        }
        for (Map.Entry<String, Long> queue : broker.depths().entrySet()) {
            if (queue.getValue() > 0 && !queue.getKey().endsWith(".dlq") && !runnerOwned(queue.getKey())) {
                return queue.getKey() + " holds " + queue.getValue();
            }
        }
        return "";
    }

    /** The runner's own queues, which no service drains. */
    private static boolean runnerOwned(String queue) {
        return queue.equals(DuplicatingRelay.QUEUE) || queue.startsWith(AvailabilityProbe.QUEUE_PREFIX);
    }
}
