package dev.saga.messaging;

/** A received message after decoding: its envelope, its payload record, and where it came from. */
public record IncomingMessage(Envelope envelope, Object payload, String exchange, String routingKey) {

    public <T> T payloadAs(Class<T> type) {
        return type.cast(payload);
    }
}
