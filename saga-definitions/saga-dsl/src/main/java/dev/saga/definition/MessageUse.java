package dev.saga.definition;

/**
 * A message type something uses, and the role it plays there: {@code step reserve-stock command} in a saga
 * definition, {@code handled by inventory} in a participant. Start-up checks name both when the type is not
 * registered.
 */
public record MessageUse(Class<?> type, String role) {
}
