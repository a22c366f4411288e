package dev.saga.testbed;

import java.util.List;

/**
 * A parking queue as observed: how many of its messages carry a scenario's poison marker, how many do not
 * (each a message the system failed to handle), and a few of the latter described for the evidence.
 */
public record ParkingQueue(String name, long poisoned, long unexpected, List<String> unexpectedExamples) {

    public ParkingQueue {
        unexpectedExamples = List.copyOf(unexpectedExamples);
    }

    /** Only a depth is known: no message carries a marker. */
    public static ParkingQueue ofDepth(String name, long depth) {
        return new ParkingQueue(name, 0, depth, List.of());
    }
}
