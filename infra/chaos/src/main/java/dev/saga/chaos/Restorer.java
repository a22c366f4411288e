package dev.saga.chaos;

import dev.saga.testbed.SystemTopology;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Puts back whatever a fault took away: after every scenario, and from the shutdown hook when the run is
 * interrupted. Faults register their undo step when they start; the standing steps heal every proxy,
 * start the broker's application and the database if they are down, and restart any dead service.
 */
final class Restorer {

    private final Fleet fleet;
    private final Infrastructure infra;
    private final Deque<Map.Entry<String, Runnable>> pending = new ArrayDeque<>();

    Restorer(Fleet fleet, Infrastructure infra) {
        this.fleet = fleet;
        this.infra = infra;
    }

    synchronized void onRestore(String what, Runnable undo) {
        pending.push(Map.entry(what, undo));
    }

    /** Undoes the registered faults (latest first) and heals the network; starts the broker and database. */
    synchronized void restoreInfrastructure() {
        fleet.proxies().values().forEach(TcpProxy::heal);
        while (!pending.isEmpty()) {
            Map.Entry<String, Runnable> step = pending.pop();
            try {
                step.getValue().run();
            } catch (RuntimeException e) {
                System.err.println("could not " + step.getKey() + ": " + e.getMessage());
            }
        }
        try {
            infra.ensureRunning();
        } catch (RuntimeException e) {
            System.err.println("could not start the private broker or database: " + e.getMessage());
        }
    }

    /** Everything above, and every service process that is down comes back. */
    void restoreAll() {
        restoreInfrastructure();
        for (ServiceProcess service : fleet.orchestrators()) {
            restartIfDead(service);
        }
        for (String participant : SystemTopology.participantNames()) {
            restartIfDead(fleet.participant(participant));
        }
    }

    private void restartIfDead(ServiceProcess service) {
        if (!service.isAlive()) {
            System.out.println("  restoring " + service.name());
            fleet.restart(service);
        }
    }
}
