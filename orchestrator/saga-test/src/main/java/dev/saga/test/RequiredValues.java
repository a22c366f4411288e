package dev.saga.test;

import dev.saga.contract.Nullable;
import java.lang.reflect.RecordComponent;
import java.util.Collection;

/**
 * Where a message record leaves out a value its schema requires. A message's JSON Schema requires every field that
 * is not {@link Nullable} (a {@code Default} only fills a field that is absent, and the outbox writes a null as
 * {@code null}), so a null anywhere else fails the participant's validation and the message is parked.
 */
final class RequiredValues {

    private RequiredValues() {
    }

    /** The path of the first null where a value is required, e.g. {@code VoidPayment.authorizationId}; or null. */
    static String firstNullIn(Object message) {
        return firstNull(message, message.getClass().getSimpleName());
    }

    private static String firstNull(Object value, String at) {
        if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object field = read(component, value);
                String path = at + "." + component.getName();
                String inside = field == null ? (component.isAnnotationPresent(Nullable.class) ? null : path)
                        : firstNull(field, path);
                if (inside != null) {
                    return inside;
                }
            }
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                String path = at + "[" + i++ + "]";
                String inside = item == null ? path : firstNull(item, path);
                if (inside != null) {
                    return inside;
                }
            }
        }
        return null;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record, e);
        }
    }
}
