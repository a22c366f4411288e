package dev.saga.chaos;

import java.util.ArrayList;
import java.util.List;

/** The invariants that failed, each with what was seen; and the figures the report prints. */
final class Verdict {

    final List<String> violations = new ArrayList<>();
    long completed;
    long compensated;
    long stuck;
    long failed;
    long unfinished;
    long lost;
    long duplicateEffects;
    long parked;
    long poisoned;
    long deadlinesFired;
    long repliesIgnored;

    /** Records {@code invariant} as failed, with {@code detail}, unless {@code holds}. */
    void expect(boolean holds, String invariant, Object detail) {
        if (!holds) {
            violations.add(invariant + ": " + detail);
        }
    }
}
