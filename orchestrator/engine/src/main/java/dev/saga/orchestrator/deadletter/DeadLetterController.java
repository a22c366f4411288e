package dev.saga.orchestrator.deadletter;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

/**
 * The parking queues ({@code <queue>.dlq}) of the orchestrator's virtual host: how deep each is, what it holds
 * (read without taking anything), and the operator's two ways out for a message: replay it to its parking queue's
 * own work queue once its cause is fixed, or discard it. Both are logged with who did them.
 */
@RestController
@RequestMapping("/api/dead-letters")
@Tag(name = "Dead letters", description = "The parking queues: what could not be handled, and why")
public class DeadLetterController {

    static final int MAX_LIMIT = 500;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterController.class);

    private final RabbitManagement management;
    private final DeadLetterActions actions;

    public DeadLetterController(RabbitManagement management, DeadLetterActions actions) {
        this.management = management;
        this.actions = actions;
    }

    /** A parking queue's depth and its first messages, which are still in it. */
    public record Peek(String queue, long depth, List<ParkedMessage> messages) {
    }

    /** Which message to replay; none means all of them. */
    public record ReplayRequest(String messageId) {
    }

    @Operation(summary = "Every parking queue with its depth")
    @GetMapping
    public List<ParkingQueue> parkingQueues() {
        return management.parkingQueues();
    }

    @Operation(summary = "Read parked messages", description = "The first `limit` messages with their error "
            + "headers and bodies; they stay in the queue. `replayTo` is where a replay sends a message: always the "
            + "parking queue's own work queue (exchange `saga.retry`, routing key the work queue's name). "
            + "`publishedTo` is where its headers say it was first published: information only, never a "
            + "destination. A message without `message_id` is listed, replayed and discarded by an id derived from "
            + "its type and body, `content-<hex>`")
    @GetMapping("/{queue}")
    public Peek peek(@PathVariable String queue, @RequestParam(defaultValue = "50") int limit) {
        requireParkingQueue(queue);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DeadLetterProblem.badRequest(queue, "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        long depth = management.depth(queue).orElseThrow(() -> DeadLetterProblem.unknownQueue(queue));
        return new Peek(queue, depth, management.peek(queue, limit));
    }

    /** Replays the message named in the query or the body, or every message of the queue if none is named. */
    @Operation(summary = "Replay parked messages", description = "One message (messageId in the query or the body) "
            + "or all, each to the parking queue's own work queue (`replayTo`: exchange `saga.retry`, routing key the "
            + "work queue's name) whatever its headers say, without its error headers. A message stays parked, with "
            + "the reason (409 for a named one), when that work queue has no binding on `saga.retry`, i.e. its "
            + "service runs without retry tiers. A replayed reply is still applied only from its participant's "
            + "broker user")
    @PostMapping("/{queue}/replay")
    public Replay replay(@PathVariable String queue, @RequestParam(required = false) String messageId,
                         @RequestBody(required = false) ReplayRequest body, Principal operator) {
        requireExistingParkingQueue(queue);
        String wanted = messageIdOf(queue, messageId, body == null ? null : body.messageId());
        Replay replay = actions.replay(queue, wanted, operator.getName());
        if (wanted != null && replay.replayed() == 0) {
            if (replay.notReplayed().isEmpty()) {
                throw DeadLetterProblem.unknownMessage(queue, wanted);
            }
            throw DeadLetterProblem.notReplayed(queue, wanted, replay.notReplayed().get(0).reason());
        }
        LOG.info("{} replayed {} message(s) from {} to {}: {}; not replayed: {}", operator.getName(),
                replay.replayed(), queue, replay.replayTo(), replay.messageIds(), replay.notReplayed());
        return replay;
    }

    @Operation(summary = "Discard a parked message", description = "Gone for good; logged with who did it. The "
            + "messageId is the one the listing shows (`content-<hex>` for a message without `message_id`)")
    @DeleteMapping("/{queue}/{messageId}")
    public Discarded discard(@PathVariable String queue, @PathVariable String messageId, Principal operator) {
        requireExistingParkingQueue(queue);
        Discarded discarded = actions.discard(queue, messageId, operator.getName())
                .orElseThrow(() -> DeadLetterProblem.unknownMessage(queue, messageId));
        LOG.warn("{} discarded message {} of type {} from {} (its headers say it was published to {}; it failed"
                + " with {}: {})", operator.getName(), discarded.messageId(), discarded.type(), queue,
                discarded.publishedTo(),
                discarded.errorClass(), discarded.errorMessage());
        return discarded;
    }

    @ExceptionHandler(DeadLetterProblem.class)
    ProblemDetail problem(DeadLetterProblem problem) {
        return problem.getBody();
    }

    @ExceptionHandler(RestClientException.class)
    ProblemDetail managementUnavailable(RestClientException e) {
        LOG.warn("RabbitMQ management API failed: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("RabbitMQ management API unavailable");
        return problem;
    }

    @ExceptionHandler(AmqpException.class)
    ProblemDetail brokerUnavailable(AmqpException e) {
        Optional<String> refusal = accessRefusal(e);
        if (refusal.isPresent()) {
            return DeadLetterProblem.refusedByBroker(null, refusal.get()).getBody();
        }
        LOG.warn("RabbitMQ failed during a dead-letter action: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setTitle("RabbitMQ unavailable");
        return problem;
    }

    /** The broker's words when it closed the channel because the orchestrator's user lacks a permission. */
    private static Optional<String> accessRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal
                    && signal.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == AMQP.ACCESS_REFUSED) {
                return Optional.of(close.getReplyText());
            }
        }
        return Optional.empty();
    }

    private void requireExistingParkingQueue(String queue) {
        requireParkingQueue(queue);
        if (management.depth(queue).isEmpty()) {
            throw DeadLetterProblem.unknownQueue(queue);
        }
    }

    private static void requireParkingQueue(String queue) {
        if (!DeadLetterHeaders.isParkingQueue(queue)) {
            throw DeadLetterProblem.notAParkingQueue(queue);
        }
    }

    private static String messageIdOf(String queue, String inQuery, String inBody) {
        if (inQuery != null && inBody != null && !inQuery.equals(inBody)) {
            throw DeadLetterProblem.badRequest(queue, "messageId " + inQuery + " in the query and " + inBody
                    + " in the body name different messages");
        }
        String messageId = inQuery != null ? inQuery : inBody;
        if (messageId != null && messageId.isBlank()) {
            throw DeadLetterProblem.badRequest(queue, "messageId is blank; leave it out to replay every message");
        }
        return messageId;
    }
}
