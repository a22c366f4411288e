package dev.saga.test;

import dev.saga.messaging.Envelope;
import dev.saga.messaging.Topology;

/** A message the saga wrote to its outbox: where it goes, its envelope, and its payload record as written. */
public record SentMessage(String exchange, String routingKey, Envelope envelope, Object payload) {

    /** A command or a compensation to a participant, rather than an event such as the saga's outcome. */
    public boolean toParticipant() {
        return Topology.COMMANDS.equals(exchange);
    }

    @Override
    public String toString() {
        return envelope.type() + " (" + envelope.step() + ", attempt " + envelope.attempt() + ")";
    }
}
