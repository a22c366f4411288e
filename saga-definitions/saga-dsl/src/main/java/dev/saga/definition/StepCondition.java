package dev.saga.definition;

import java.util.function.Predicate;

/**
 * When a step runs: a test on the saga data as it stands when the saga reaches the step, and the name the
 * timeline and the definitions API show for it (e.g. {@code order above the review limit}). A step whose
 * condition does not hold is skipped: nothing is sent, the timeline records {@code STEP_SKIPPED} with the name,
 * and the step is not compensated, since it did nothing.
 *
 * @param <D> the saga data
 */
public record StepCondition<D>(String name, Predicate<D> test) {

    public StepCondition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A step's condition needs a name: the timeline shows it when it skips");
        }
    }

    public boolean holdsFor(D data) {
        return test.test(data);
    }
}
