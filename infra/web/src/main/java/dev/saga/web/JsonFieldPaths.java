package dev.saga.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** Names the field a JSON body broke at, and says what it should have been, in words a client can act on. */
public final class JsonFieldPaths {

    private JsonFieldPaths() {
    }

    /** {@code lines[0].quantity} from Jackson's path of references. */
    public static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            }
        }
        return path.toString();
    }

    /** What the field at the exception's path should have held. */
    public static String expected(JsonMappingException e) {
        if (e instanceof StrictJson.RefusedString refused) {
            return refused.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a field of " + unknown.getReferringClass().getSimpleName();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expected(mismatch.getTargetType());
        }
        return "has the wrong type or shape";
    }

    /** What a value of this type looks like: for a JSON field, a query parameter or a header alike. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        return "must be of type " + type.getSimpleName();
    }

    /** Jackson has no type of its own for {@code FAIL_ON_TRAILING_TOKENS}; its message is the mark. */
    static boolean isTrailing(MismatchedInputException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token");
    }
}
