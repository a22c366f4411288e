package dev.saga.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * Invariant 5 of the design (§6), its broker half: a parking queue holds exactly the messages the scenario
 * poisoned, each still carrying its marker; whatever else is parked is a message the system failed to handle.
 */
final class ParkedMessages {

    private static final int EXAMPLES = 5;

    List<Verdict> check(List<ParkingQueue> observed, Expectations expected) {
        List<Verdict> verdicts = new ArrayList<>();
        long unexpected = 0;
        List<String> examples = new ArrayList<>();
        for (ParkingQueue queue : observed) {
            if (!expected.checksParking(queue.name())) {
                continue;
            }
            int poisoned = expected.poisonedIn(queue.name());
            verdicts.add(Verdict.of(queue.poisoned() == poisoned, queue.name() + " holds every poisoned message",
                    queue.poisoned() + " of " + poisoned));
            unexpected += queue.unexpected();
            examples.addAll(queue.unexpectedExamples());
        }
        verdicts.add(Verdict.of(unexpected == 0, "parking queues hold only poisoned messages", unexpected
                + (examples.isEmpty() ? "" : " parked: " + examples.subList(0, Math.min(EXAMPLES, examples.size())))));
        return verdicts;
    }
}
