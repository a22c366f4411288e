package dev.saga.test;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A reply the kit makes up when it answers for a participant by itself: a record of the reply type, each component
 * taken from the answered message's component of the same name and type ({@code BookFlight(tripId)} is answered by
 * {@code FlightBooked(tripId, ...)} with the same trip), every other one a plain sample: a random UUID,
 * {@code "sample"}, 1, {@code false}, an empty list, the virtual clock's instant, the first enum constant, or a
 * nested record made the same way. Enough for a saga to move on; a reply that needs real values (a constructor that
 * refuses samples, a type outside this list) is the test's to give, with {@link SagaTestKit#answering}.
 */
final class SampleReplies {

    private SampleReplies() {
    }

    static Object answering(Object message, Class<?> replyType, Instant now) {
        try {
            return make(replyType, message, now, new HashSet<>());
        } catch (Unmakeable e) {
            String name = message.getClass().getSimpleName();
            throw new IllegalStateException("The kit cannot make up a " + replyType.getSimpleName() + " to answer "
                    + name + ": " + e.getMessage() + "; give it one, with answering(" + name + ".class, "
                    + Character.toLowerCase(name.charAt(0)) + name.substring(1) + " -> new "
                    + replyType.getSimpleName() + "(...))");
        }
    }

    private static Object make(Class<?> type, Object source, Instant now, Set<Class<?>> building) {
        if (!type.isRecord()) {
            throw cannot(type, "is not a record");
        }
        if (!building.add(type)) {
            throw cannot(type, "contains itself");
        }
        RecordComponent[] wanted = type.getRecordComponents();
        Object[] values = new Object[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            RecordComponent same = source == null ? null : sameNamed(source, wanted[i]);
            values[i] = same != null ? read(same, source) : sample(type, wanted[i], now, building);
        }
        building.remove(type);
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(wanted).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw cannot(type, "refused " + Arrays.toString(values) + ": " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw cannot(type, e.toString());
        }
    }

    private static RecordComponent sameNamed(Object source, RecordComponent wanted) {
        if (!source.getClass().isRecord()) {
            return null;
        }
        return Arrays.stream(source.getClass().getRecordComponents())
                .filter(c -> c.getName().equals(wanted.getName()) && wanted.getType().isAssignableFrom(c.getType()))
                .findFirst().orElse(null);
    }

    private static Object sample(Class<?> owner, RecordComponent component, Instant now, Set<Class<?>> building) {
        Class<?> type = component.getType();
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == String.class) {
            return "sample";
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == double.class || type == Double.class) {
            return 1.0;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == Instant.class) {
            return now;
        }
        if (type.isAssignableFrom(List.class)) {
            return List.of();
        }
        if (type.isEnum() && type.getEnumConstants().length > 0) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            return make(type, null, now, building);
        }
        throw cannot(owner, "has a " + type.getSimpleName() + " " + component.getName()
                + " the kit has no sample for");
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record, e);
        }
    }

    private static Unmakeable cannot(Class<?> type, String why) {
        return new Unmakeable(type.getSimpleName() + " " + why);
    }

    /** Why a record cannot be made up, down to the nested one that could not. */
    private static final class Unmakeable extends RuntimeException {
        Unmakeable(String why) {
            super(why, null, false, false);
        }
    }
}
