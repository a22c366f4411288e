package dev.saga.chaos;

import dev.saga.testbed.DesignInvariants;
import dev.saga.testbed.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The invariants that failed in a scenario, each with what was seen; and the figures the report prints. */
final class ScenarioVerdict {

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

    /** Records every verdict that did not hold. */
    void expectAll(List<Verdict> verdicts) {
        DesignInvariants.failed(verdicts).forEach(verdict -> violations.add(verdict.describe()));
    }
}
