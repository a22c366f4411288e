package dev.saga.participant.notification;

import dev.saga.contract.saga.SagaFinished;
import java.util.Locale;

/** The sentence a customer reads about a finished saga. */
final class NotificationText {

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
        return switch (outcome) {
            case "completed" -> subject + " completed";
            case "compensated" -> subject + " was cancelled" + reason;
            default -> subject + " ended " + outcome + reason;
        };
    }
}
