package dev.saga.chaos;

import java.util.List;

/** One scenario's outcome, as printed and written to the report files. */
record ScenarioResult(
        String scenario,
        String description,
        long seed,
        int submitted,
        int notAccepted,
        long completed,
        long compensated,
        long stuck,
        long failed,
        long unfinished,
        long lost,
        long duplicateEffects,
        long parked,
        long poisoned,
        long deadlinesFired,
        long repliesIgnored,
        int faults,
        Double recoverySeconds,
        AvailabilityProbe.Pauses longestPauseSeconds,
        double durationSeconds,
        List<String> violations) {

    boolean passed() {
        return violations.isEmpty();
    }
}
