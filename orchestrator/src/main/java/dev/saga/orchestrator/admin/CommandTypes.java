package dev.saga.orchestrator.admin;

import dev.saga.definition.MessageTypes;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The message type a step's command (or compensation) function builds. The DSL keeps only the function, so
 * it is called once with empty saga data (every field null, zero or false) and the result's type is read;
 * a function that cannot build its command from empty data gives no type (null).
 */
final class CommandTypes {

    private CommandTypes() {
    }

    static <D> String of(Function<D, ?> build, Class<D> dataType) {
        if (build == null) {
            return null;
        }
        try {
            Object command = build.apply(empty(dataType));
            return command == null ? null : MessageTypes.nameOf(command.getClass());
        } catch (RuntimeException | ReflectiveOperationException e) {
            return null;
        }
    }

    private static <D> D empty(Class<D> dataType) throws ReflectiveOperationException {
        if (!dataType.isRecord()) {
            return null;
        }
        RecordComponent[] components = dataType.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<D> canonical = dataType.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        Object[] values = Arrays.stream(types)
                .map(type -> type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null).toArray();
        return canonical.newInstance(values);
    }
}
