package dev.saga.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An event told to whoever subscribed, if anyone did: nobody listening is normal for publish/subscribe. Its
 * messages are published without {@code mandatory}, so the outbox is done with one once the broker confirmed it,
 * bound queue or not (e.g. {@code SagaFinished}).
 *
 * <p>Leave it off anything that must reach a consumer, which is the default: commands, replies, an event that
 * starts a saga, an event a waiting saga depends on. Those are published {@code mandatory} and stay in the outbox,
 * with their error, until a queue is bound for them; dropping one would lose work. A definition started by a
 * notification is refused when it is built.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Notification {
}
