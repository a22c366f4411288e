package dev.saga.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Everything a message carries besides its payload. The message id is stable across redeliveries and
 * resends; saga fields are empty for plain domain events. The factories start at type version 1; the
 * {@link Outbox} stamps the payload record's current version when it writes the message.
 */
public record Envelope(
        UUID messageId,
        String type,
        int typeVersion,
        UUID sagaId,
        String sagaType,
        String step,
        int attempt,
        UUID correlationId,
        UUID causationId,
        String replyTo,
        Instant timestamp,
        String traceparent) {

    /** A new event with no saga context, e.g. {@code OrderCreated}. */
    public static Envelope event(String type) {
        return new Envelope(UUID.randomUUID(), type, 1, null, null, null, 0, null, null, null, Instant.now(), null);
    }

    /** A command the orchestrator sends for a saga step; replies come back to {@code replyTo}. */
    public static Envelope command(UUID messageId, String type, UUID sagaId, String sagaType, String step,
                                   int attempt, String replyTo) {
        return new Envelope(messageId, type, 1, sagaId, sagaType, step, attempt, messageId, null, replyTo,
                Instant.now(), null);
    }

    /** The reply to this command: same saga, step and attempt, correlated to the command's message id. */
    public Envelope reply(String replyType) {
        return new Envelope(UUID.randomUUID(), replyType, 1, sagaId, sagaType, step, attempt, messageId, messageId,
                null, Instant.now(), traceparent);
    }

    /** The same envelope for a payload written at the given version of its type's schema. */
    public Envelope withTypeVersion(int version) {
        return new Envelope(messageId, type, version, sagaId, sagaType, step, attempt, correlationId, causationId,
                replyTo, timestamp, traceparent);
    }

    /** The same envelope carrying the given W3C trace context. */
    public Envelope withTraceparent(String newTraceparent) {
        return new Envelope(messageId, type, typeVersion, sagaId, sagaType, step, attempt, correlationId, causationId,
                replyTo, timestamp, newTraceparent);
    }
}
