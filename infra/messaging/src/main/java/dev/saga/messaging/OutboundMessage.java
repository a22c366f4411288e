package dev.saga.messaging;

/**
 * A message as stored in the outbox and as published: destination, envelope and JSON body. A {@code mandatory}
 * message must reach a queue: the relay publishes it with the flag and keeps it, with its error, until the broker
 * routed it. Only a notification ({@link dev.saga.contract.Notification}) is not: nobody listening is normal.
 */
public record OutboundMessage(String exchange, String routingKey, Envelope envelope, String body, boolean mandatory) {

    /** A message that must reach a queue, as every command and reply must. */
    public OutboundMessage(String exchange, String routingKey, Envelope envelope, String body) {
        this(exchange, routingKey, envelope, body, true);
    }
}
