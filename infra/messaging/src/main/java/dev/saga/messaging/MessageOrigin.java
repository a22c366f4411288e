package dev.saga.messaging;

/**
 * Who published a received message, as far as RabbitMQ vouches for it, and the routing key it was first
 * published with (a copy that came back from a retry tier or a replay was received with another).
 *
 * @param sender     the broker user that published it; {@code null} when nobody vouches for one (no
 *                   {@code user_id})
 * @param routingKey the routing key it was first published with, {@code null} if unknown
 */
public record MessageOrigin(String sender, String routingKey) {

    public boolean verified() {
        return sender != null;
    }
}
