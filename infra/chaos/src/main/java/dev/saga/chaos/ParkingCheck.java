package dev.saga.chaos;

import dev.saga.testbed.ParkingQueue;
import dev.saga.testbed.SystemTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what every parking queue holds, telling the scenario's poisoned messages (they carry the poison
 * marker) from the ones the system failed to handle, for the design's parking invariant. The queues are
 * emptied afterwards, so the next scenario starts from nothing parked.
 */
final class ParkingCheck {

    private final Broker broker;

    ParkingCheck(Broker broker) {
        this.broker = broker;
    }

    List<ParkingQueue> observe(ScenarioVerdict verdict, Map<String, Integer> poisoned) {
        List<ParkingQueue> observed = new ArrayList<>();
        for (String queue : SystemTopology.parkingQueues()) {
            List<Broker.Parked> parked = broker.peek(queue, 1000);
            long marked = parked.stream().filter(p -> !p.poisonMarker().isEmpty()).count();
            verdict.parked += parked.size();
            verdict.poisoned += poisoned.getOrDefault(queue, 0);
            List<String> unexpected = parked.stream().filter(p -> p.poisonMarker().isEmpty()).map(p -> queue + " "
                    + p.messageId() + " " + p.errorClass() + ": " + p.errorMessage()).toList();
            observed.add(new ParkingQueue(queue, marked, unexpected.size(), unexpected));
            broker.purge(queue);
        }
        return observed;
    }
}
