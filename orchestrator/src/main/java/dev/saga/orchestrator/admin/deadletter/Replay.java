package dev.saga.orchestrator.admin.deadletter;

import java.util.List;

/** What a replay did: the messages sent back to where they were first published, and those that stayed parked. */
public record Replay(String queue, int replayed, List<String> messageIds, List<NotReplayed> notReplayed) {

    /** A message that stayed in its parking queue, and why. */
    public record NotReplayed(String messageId, String reason) {
    }
}
