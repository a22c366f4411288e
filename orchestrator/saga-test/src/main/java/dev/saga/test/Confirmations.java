package dev.saga.test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reply that confirms a compensation, when a test leaves it to the kit: the reply type the step declares,
 * filled from the compensation's components of the same name and type ({@code ReleaseStock(orderId)} is confirmed
 * by {@code StockReleased(orderId)}). A reply needing anything else is the test's to give.
 */
final class Confirmations {

    private Confirmations() {
    }

    static Object confirming(Object compensation, Class<?> replyType) {
        if (!replyType.isRecord() || !compensation.getClass().isRecord()) {
            throw cannot(compensation, replyType, "both must be records");
        }
        Map<String, RecordComponent> given = Arrays.stream(compensation.getClass().getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, Function.identity()));
        RecordComponent[] wanted = replyType.getRecordComponents();
        Object[] values = new Object[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            RecordComponent source = given.get(wanted[i].getName());
            if (source == null || !wanted[i].getType().isAssignableFrom(source.getType())) {
                throw cannot(compensation, replyType, "it has no " + wanted[i].getType().getSimpleName() + " "
                        + wanted[i].getName());
            }
            values[i] = read(source, compensation);
        }
        try {
            Constructor<?> canonical = replyType.getDeclaredConstructor(Arrays.stream(wanted)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make a " + replyType.getSimpleName(), e);
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record, e);
        }
    }

    private static IllegalStateException cannot(Object compensation, Class<?> replyType, String why) {
        String name = compensation.getClass().getSimpleName();
        return new IllegalStateException("Cannot confirm " + name + " with a " + replyType.getSimpleName()
                + " made from it (" + why + "): answer it yourself, with expectCompensation(" + name
                + ".class).reply(new " + replyType.getSimpleName() + "(...))");
    }
}
