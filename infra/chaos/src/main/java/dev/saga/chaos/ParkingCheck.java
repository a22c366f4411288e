package dev.saga.chaos;

import dev.saga.testbed.SystemTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parking queues must hold exactly the messages the scenario poisoned, each still carrying the poison
 * marker. Whatever else is parked is a message the system failed to handle, listed with its error. The
 * queues are emptied afterwards, so the next scenario starts from nothing parked.
 */
final class ParkingCheck {

    private final Broker broker;

    ParkingCheck(Broker broker) {
        this.broker = broker;
    }

    void check(Verdict verdict, Map<String, Integer> poisoned) {
        List<String> unexpected = new ArrayList<>();
        for (String queue : SystemTopology.parkingQueues()) {
            List<Broker.Parked> parked = broker.peek(queue, 1000);
            long marked = parked.stream().filter(p -> !p.poisonMarker().isEmpty()).count();
            int expected = poisoned.getOrDefault(queue, 0);
            verdict.parked += parked.size();
            verdict.poisoned += expected;
            verdict.expect(marked == expected, queue + " holds every poisoned message",
                    marked + " of " + expected);
            parked.stream().filter(p -> p.poisonMarker().isEmpty()).forEach(p -> unexpected.add(queue + " "
                    + p.messageId() + " " + p.errorClass() + ": " + p.errorMessage()));
            broker.purge(queue);
        }
        verdict.expect(unexpected.isEmpty(), "parking queues hold only poisoned messages", unexpected.size()
                + (unexpected.isEmpty() ? "" : " parked: " + unexpected.subList(0, Math.min(5, unexpected.size()))));
    }
}
