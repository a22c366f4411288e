package dev.saga.participant.kit;

import java.util.Collection;
import java.util.function.Function;

/**
 * One message type's handler and the keys it locks. {@code work} returns the reply (null for an event);
 * {@code locks} names every row the work will lock, read without locking anything itself.
 */
record MessageHandler(Function<Object, Object> work, Function<Object, Collection<LockKey>> locks) {
}
