package dev.saga.orchestrator.deadletter;

import dev.saga.messaging.Topology;

/** An exchange and routing key: where a parked message says it was published, or where a replay sends it. */
public record Destination(String exchange, String routingKey) {

    /**
     * A parking queue's only way out: back to its own work queue, through {@code saga.retry}, where every work
     * queue with retry tiers is bound by its own name. Never where the message's headers say it came from:
     * anyone who may park a message may write those headers.
     */
    static Destination replayTo(String workQueue) {
        return new Destination(Topology.RETRY, workQueue);
    }

    @Override
    public String toString() {
        return exchange + "/" + routingKey;
    }
}
