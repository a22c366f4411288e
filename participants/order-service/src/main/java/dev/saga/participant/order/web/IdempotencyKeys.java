package dev.saga.participant.order.web;

import dev.saga.participant.order.placement.FieldProblem;
import dev.saga.participant.order.placement.InvalidOrderException;
import java.util.List;

/**
 * The optional {@code Idempotency-Key} of {@code POST /orders}, with the limits of the orchestrator's admin start:
 * not blank when sent, at most {@value #MAX_LENGTH} characters, compared trimmed.
 */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {
    }

    /** The trimmed key, or null when none was sent. */
    static String checked(String key) {
        if (key == null) {
            return null;
        }
        String trimmed = key.trim();
        if (trimmed.isEmpty()) {
            throw refused("must not be blank");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw refused("must be at most " + MAX_LENGTH + " characters");
        }
        return trimmed;
    }

    private static InvalidOrderException refused(String message) {
        return new InvalidOrderException(List.of(new FieldProblem(HEADER, message)));
    }
}
