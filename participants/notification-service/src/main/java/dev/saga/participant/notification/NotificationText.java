package dev.saga.participant.notification;

import dev.saga.contract.saga.SagaFinished;
import java.util.Locale;

/** The sentence a customer reads about a finished saga. */
final class NotificationText {

    /** The saga that cancels an approved order; every other saga fulfils one. */
    static final String CANCELLATION = "order-cancellation";

    private NotificationText() {
    }

    /** {@code completed}, {@code compensated}, ...: the outcome as it appears in the event's routing key. */
    static String outcomeOf(SagaFinished event) {
        return event.outcome() == null ? "unknown" : event.outcome().toLowerCase(Locale.ROOT);
    }

    static String of(SagaFinished event) {
        String subject = "Order " + event.businessKey();
        String reason = event.reason() == null || event.reason().isBlank() ? "" : ": " + event.reason();
        String outcome = outcomeOf(event);
        if (CANCELLATION.equals(event.sagaType())) {
            return switch (outcome) {
                case "completed" -> subject + " was cancelled and refunded";
                case "compensated" -> subject + " could not be cancelled" + reason;
                default -> subject + ": cancellation ended " + outcome + reason;
            };
        }
        return switch (outcome) {
            case "completed" -> subject + " completed";
            case "compensated" -> subject + " was cancelled" + reason;
            default -> subject + " ended " + outcome + reason;
        };
    }
}
