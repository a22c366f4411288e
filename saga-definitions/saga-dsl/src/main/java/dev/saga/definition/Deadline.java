package dev.saga.definition;

import java.time.Duration;

/**
 * How long a step waits for its reply before its command is sent again, and how many times it is sent in
 * all. After the last attempt a step before the pivot is compensated, a step at or after it is stuck, and a
 * compensation fails the saga.
 */
public record Deadline(Duration timeout, int attempts) {

    /** Unless a saga or step says otherwise. */
    public static final Deadline DEFAULT = new Deadline(Duration.ofSeconds(30), 5);

    public Deadline {
        if (timeout.isNegative() || timeout.isZero() || attempts < 1) {
            throw new IllegalArgumentException("A deadline needs a positive timeout and at least one attempt");
        }
    }
}
