package dev.saga.orchestrator.deadletter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A dead-letter request that cannot be served, as an RFC 7807 problem naming the queue and message. */
class DeadLetterProblem extends ErrorResponseException {

    private DeadLetterProblem(HttpStatus status, String title, String detail, String queue, String messageId) {
        super(status, problem(status, title, detail, queue, messageId), null);
    }

    static DeadLetterProblem notAParkingQueue(String queue) {
        return new DeadLetterProblem(HttpStatus.BAD_REQUEST, "Not a parking queue", "'" + queue
                + "' is not a parking queue; their names end in " + DeadLetterHeaders.PARKING_SUFFIX, queue, null);
    }

    static DeadLetterProblem badRequest(String queue, String detail) {
        return new DeadLetterProblem(HttpStatus.BAD_REQUEST, "Bad request", detail, queue, null);
    }

    static DeadLetterProblem unknownQueue(String queue) {
        return new DeadLetterProblem(HttpStatus.NOT_FOUND, "No such parking queue", "The virtual host has no queue '"
                + queue + "'", queue, null);
    }

    static DeadLetterProblem unknownMessage(String queue, String messageId) {
        return new DeadLetterProblem(HttpStatus.NOT_FOUND, "No such parked message", "'" + queue
                + "' holds no message with id " + messageId, queue, messageId);
    }

    static DeadLetterProblem notReplayed(String queue, String messageId, String reason) {
        return new DeadLetterProblem(HttpStatus.CONFLICT, "Message not replayed", "Message " + messageId
                + " stays in '" + queue + "': " + reason, queue, messageId);
    }

    /** The orchestrator's own broker user may not read the queue: a broker setting, not the caller's rights. */
    static DeadLetterProblem refusedByBroker(String queue, String reason) {
        return new DeadLetterProblem(HttpStatus.FORBIDDEN, "Refused by RabbitMQ", "RabbitMQ does not let the "
                + "orchestrator's user read " + (queue == null ? "this queue" : "'" + queue + "'") + ": " + reason,
                queue, null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, String queue,
                                         String messageId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (queue != null) {
            problem.setProperty("queue", queue);
        }
        if (messageId != null) {
            problem.setProperty("messageId", messageId);
        }
        return problem;
    }
}
