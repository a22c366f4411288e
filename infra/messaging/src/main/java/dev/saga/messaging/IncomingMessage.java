package dev.saga.messaging;

/**
 * A received message after decoding: its envelope, its payload record, where it came from (the exchange and
 * routing key it was received with), and who sent it, as far as the broker vouches for it.
 */
public record IncomingMessage(Envelope envelope, Object payload, String exchange, String routingKey,
                              MessageOrigin origin) {

    public <T> T payloadAs(Class<T> type) {
        return type.cast(payload);
    }
}
