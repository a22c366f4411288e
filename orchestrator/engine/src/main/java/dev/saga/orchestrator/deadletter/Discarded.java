package dev.saga.orchestrator.deadletter;

/**
 * A message dropped for good: what it was, where a replay would have sent it and where its headers said it had
 * been published ({@code null} when they did not say), and why it had failed.
 */
public record Discarded(String queue, String messageId, String type, Destination replayTo, Destination publishedTo,
                        String errorClass, String errorMessage) {
}
