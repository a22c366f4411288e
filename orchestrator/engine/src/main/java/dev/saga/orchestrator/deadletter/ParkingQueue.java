package dev.saga.orchestrator.deadletter;

/**
 * A parking queue, the work queue whose failures it holds, and how many messages it holds as of the broker's
 * latest statistics (a few seconds old).
 */
public record ParkingQueue(String queue, String workQueue, long depth) {
}
