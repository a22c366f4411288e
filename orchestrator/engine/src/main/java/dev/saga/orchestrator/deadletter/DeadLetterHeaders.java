package dev.saga.orchestrator.deadletter;

import dev.saga.messaging.ParkingLot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a parked message's headers say about where it came from, and which of them a replayed copy must not
 * carry. A message its consumer parked names its first destination in {@code x-original-*} headers; one the
 * broker dead-lettered itself (delivery limit) has only {@code x-death}, whose entry for the work queue records
 * the exchange and routing key it was published with. Whoever may publish to the parking queue may write these
 * headers too, so they only inform the operator; a replay never goes where they point
 * ({@link Destination#replayTo}).
 */
final class DeadLetterHeaders {

    static final String PARKING_SUFFIX = ".dlq";
    static final String X_DEATH = "x-death";

    /**
     * The failure's headers and the broker's bookkeeping: a replayed message starts afresh, so the retry tiers
     * count its attempts from one again and the consumer does not mistake it for a redelivery.
     */
    private static final Set<String> FAILURE_HEADERS = Set.of(ParkingLot.ERROR_CLASS, ParkingLot.ERROR_MESSAGE,
            ParkingLot.ATTEMPTS, ParkingLot.FIRST_FAILURE, ParkingLot.ORIGINAL_EXCHANGE,
            ParkingLot.ORIGINAL_ROUTING_KEY, X_DEATH, "x-delivery-count", "x-first-death-exchange",
            "x-first-death-queue", "x-first-death-reason", "x-last-death-exchange", "x-last-death-queue",
            "x-last-death-reason");
    /** Spring AMQP's correlation headers for returns and replies; set afresh on every publish. */
    private static final String SPRING_PREFIX = "spring_";

    private DeadLetterHeaders() {
    }

    static boolean isParkingQueue(String queue) {
        return queue.endsWith(PARKING_SUFFIX) && queue.length() > PARKING_SUFFIX.length();
    }

    /** {@code orchestrator.replies} for {@code orchestrator.replies.dlq}. */
    static String workQueueOf(String parkingQueue) {
        return parkingQueue.substring(0, parkingQueue.length() - PARKING_SUFFIX.length());
    }

    /** Where the headers say the message was first published; information for the operator, not a destination. */
    static Optional<Destination> publishedTo(Map<String, ?> headers, String workQueue) {
        Object exchange = headers.get(ParkingLot.ORIGINAL_EXCHANGE);
        Object routingKey = headers.get(ParkingLot.ORIGINAL_ROUTING_KEY);
        if (exchange != null && routingKey != null) {
            return Optional.of(new Destination(exchange.toString(), routingKey.toString()));
        }
        return death(headers, workQueue).flatMap(DeadLetterHeaders::publishedTo);
    }

    /**
     * The routing key the broker recorded when it dead-lettered the message from its work queue, if it did: what
     * the message was published with before it reached the work queue.
     */
    static Optional<String> deadLetteredWith(Map<String, ?> headers, String workQueue) {
        return deaths(headers).stream().filter(death -> workQueue.equals(String.valueOf(death.get("queue"))))
                .findFirst().flatMap(DeadLetterHeaders::publishedTo).map(Destination::routingKey);
    }

    /**
     * Why the broker dead-lettered the message from its work queue (e.g. {@code delivery_limit}), if it did; a
     * retry tier's expiry is no failure.
     */
    static Optional<String> brokerReason(Map<String, ?> headers, String workQueue) {
        return deaths(headers).stream().filter(death -> workQueue.equals(String.valueOf(death.get("queue"))))
                .findFirst().map(death -> String.valueOf(death.get("reason")));
    }

    /** The headers without the failure's and the broker's: what a replayed copy carries, or an operator reads. */
    static Map<String, Object> withoutFailure(Map<String, ?> headers) {
        Map<String, Object> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!isFailureHeader(name)) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    static boolean isFailureHeader(String name) {
        return FAILURE_HEADERS.contains(name) || name.startsWith(SPRING_PREFIX);
    }

    /** The {@code x-death} entry of the work queue; failing that, the latest one (entries come newest first). */
    private static Optional<Map<?, ?>> death(Map<String, ?> headers, String workQueue) {
        List<Map<?, ?>> entries = deaths(headers);
        return entries.stream().filter(death -> workQueue.equals(String.valueOf(death.get("queue")))).findFirst()
                .or(() -> entries.stream().findFirst());
    }

    private static List<Map<?, ?>> deaths(Map<String, ?> headers) {
        if (!(headers.get(X_DEATH) instanceof List<?> deaths)) {
            return List.of();
        }
        return deaths.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
    }

    private static Optional<Destination> publishedTo(Map<?, ?> death) {
        Object exchange = death.get("exchange");
        if (exchange == null || !(death.get("routing-keys") instanceof List<?> keys) || keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Destination(exchange.toString(), String.valueOf(keys.get(0))));
    }
}
