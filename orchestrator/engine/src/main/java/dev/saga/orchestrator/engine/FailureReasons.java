package dev.saga.orchestrator.engine;

import java.lang.reflect.RecordComponent;

/** A failure reply's own words: its {@code reason} component when it has one, else its type. */
final class FailureReasons {

    private FailureReasons() {
    }

    static String of(Object failureReply) {
        for (RecordComponent component : failureReply.getClass().getRecordComponents()) {
            if (component.getName().equals("reason")) {
                try {
                    return String.valueOf(component.getAccessor().invoke(failureReply));
                } catch (ReflectiveOperationException e) {
                    break;
                }
            }
        }
        return failureReply.getClass().getSimpleName();
    }
}
