package dev.saga.definition;

import java.time.Duration;
import java.util.List;

/**
 * A step that waits for a decision from outside instead of sending a command: an operator's signal through the
 * admin API ({@code POST /api/sagas/{id}/signals/{name}}), each decided signal meaning success or failure of the
 * step, with a body read into its declared type. The wait has its own deadline; when it expires the step takes
 * the declared outcome ({@code succeedsOnExpiry}), failing by default.
 *
 * @param <D> the saga data
 */
public record StepWait<D>(List<Signal<D>> signals, Duration timeout, boolean succeedsOnExpiry) {

    /** One signal the step waits for: its name, whether it means success, and how its body changes the data. */
    public record Signal<D>(String name, boolean success, ReplyHandling<D> body) {
    }

    public StepWait {
        signals = List.copyOf(signals);
    }

    /** Whether a decision or the expiry can fail the step. */
    public boolean canFail() {
        return !succeedsOnExpiry || signals.stream().anyMatch(signal -> !signal.success());
    }
}
