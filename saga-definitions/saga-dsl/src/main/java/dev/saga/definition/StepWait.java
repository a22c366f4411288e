package dev.saga.definition;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A step that waits for a decision from outside instead of sending a command: an operator's signal through the
 * admin API ({@code POST /api/sagas/{id}/signals/{name}}), or an event its participant publishes on
 * {@code saga.events}, matched to the saga by the business key taken from the event. Each decision means success
 * or failure of the step, and its body changes the saga data as declared. The wait has its own deadline; when it
 * expires the step takes the declared outcome ({@code succeedsOnExpiry}), failing by default.
 *
 * @param <D> the saga data
 */
public record StepWait<D>(List<Signal<D>> signals, List<Event<D>> events, Duration timeout,
                          boolean succeedsOnExpiry) {

    /** One signal the step waits for: its name, whether it means success, and how its body changes the data. */
    public record Signal<D>(String name, boolean success, ReplyHandling<D> body) {
    }

    /**
     * One event the step waits for: the business key of the saga it decides, taken from the event, whether it
     * means success, and how it changes the data ({@code body.replyType()} is the event's type).
     */
    public record Event<D>(Function<Object, String> businessKey, boolean success, ReplyHandling<D> body) {

        public Class<?> type() {
            return body.replyType();
        }
    }

    public StepWait {
        signals = List.copyOf(signals);
        events = List.copyOf(events);
    }

    /** Whether a decision or the expiry can fail the step. */
    public boolean canFail() {
        return !succeedsOnExpiry || signals.stream().anyMatch(signal -> !signal.success())
                || events.stream().anyMatch(event -> !event.success());
    }
}
