package dev.saga.contract.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.saga.definition.MessageTypes;
import java.util.function.UnaryOperator;

/**
 * Turns the JSON of one version of a message into the JSON of the next, so that a handler only ever sees the
 * current record however old the producer was. It works on the JSON tree, before binding, because the record
 * of the older version no longer exists.
 */
public record Upcaster(String type, int fromVersion, UnaryOperator<ObjectNode> change) {

    public Upcaster {
        if (fromVersion < 1) {
            throw new IllegalArgumentException("Versions start at 1: " + type + " v" + fromVersion);
        }
    }

    /** The change from {@code fromVersion} to the next version of the message record. */
    public static Upcaster from(Class<?> message, int fromVersion, UnaryOperator<ObjectNode> change) {
        return new Upcaster(MessageTypes.nameOf(message), fromVersion, change);
    }

    public int toVersion() {
        return fromVersion + 1;
    }
}
