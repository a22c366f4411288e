package dev.saga.orchestrator.deadletter;

import java.util.List;

/**
 * What a replay did: where it sent the messages (the parking queue's own work queue, {@code replayTo}), the
 * messages sent there, and those that stayed parked.
 */
public record Replay(String queue, Destination replayTo, int replayed, List<String> messageIds,
                     List<NotReplayed> notReplayed) {

    /** A message that stayed in its parking queue, and why. */
    public record NotReplayed(String messageId, String reason) {
    }
}
