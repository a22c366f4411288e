package dev.saga.orchestrator.admin.deadletter;

/** A message dropped for good: what it was, where it had been published, and why it had failed. */
public record Discarded(String queue, String messageId, String type, Destination replayTo, String errorClass,
                        String errorMessage) {
}
