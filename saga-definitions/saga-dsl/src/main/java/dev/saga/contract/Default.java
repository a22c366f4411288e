package dev.saga.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a reader fills in when a message lacks this field, written as JSON would spell it ({@code "EUR"}
 * is written {@code EUR}, a number as digits). A field with a default is optional, so adding one does not
 * break the readers of older messages and needs no new version.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Default {

    String value();
}
