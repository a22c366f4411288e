package dev.saga.messaging;

/** A message as stored in the outbox and as published: destination, envelope and JSON body. */
public record OutboundMessage(String exchange, String routingKey, Envelope envelope, String body) {
}
