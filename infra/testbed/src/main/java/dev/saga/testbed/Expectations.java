package dev.saga.testbed;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a scenario means to leave behind: sagas it means to end {@code STUCK} or {@code FAILED}, holding what
 * they hold, and messages it means to park. Every other saga must finish and every other parking queue stay
 * empty.
 */
public final class Expectations {

    private final Set<String> unfinished = new TreeSet<>();
    private final Map<String, Integer> poisonedCounts = new TreeMap<>();
    private final Set<String> parkedUncounted = new TreeSet<>();

    /** The saga of this business key is meant to end STUCK or FAILED. */
    public Expectations unfinished(String businessKey) {
        unfinished.add(businessKey);
        return this;
    }

    /** Messages are meant to end in this parking queue, how many is not known: nothing about it is checked. */
    public Expectations parked(String queue) {
        parkedUncounted.add(queue);
        return this;
    }

    /** Exactly {@code count} messages marked as poison are meant to end in this parking queue. */
    public Expectations poisoned(String queue, int count) {
        poisonedCounts.put(queue, count);
        return this;
    }

    /** SQL condition: the business key in {@code column} is not one the scenario leaves unfinished. */
    String finished(String column) {
        if (unfinished.isEmpty()) {
            return "true";
        }
        return column + " NOT IN (" + unfinished.stream().map(key -> "'" + key.replace("'", "''") + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    /** False for a queue whose parked messages the scenario does not count. */
    public boolean checksParking(String queue) {
        return !parkedUncounted.contains(queue);
    }

    int poisonedIn(String queue) {
        return poisonedCounts.getOrDefault(queue, 0);
    }
}
