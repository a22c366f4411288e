package dev.saga.orchestrator.admin.deadletter;

/** Where a message was published before it failed: the exchange and routing key a replay sends it back to. */
public record Destination(String exchange, String routingKey) {

    @Override
    public String toString() {
        return exchange + "/" + routingKey;
    }
}
