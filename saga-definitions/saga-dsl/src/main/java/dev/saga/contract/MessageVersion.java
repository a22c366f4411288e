package dev.saga.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The current version of a message record's schema; a record without it is at version 1. Raise it, with an
 * upcaster from the version before, when a change would break a reader of the older messages (see the
 * saga-definitions README).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageVersion {

    int value();
}
