package dev.saga.orchestrator.admin;

import dev.saga.web.StrictJson;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Names the field a JSON body broke at, and says what it should have been. */
final class JsonFieldPaths {

    private JsonFieldPaths() {
    }

    /** {@code lines[0].quantity} from Jackson's path of references. */
    static String path(JsonMappingException e) {
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

    static FieldProblem problem(JsonMappingException e) {
        return new FieldProblem(path(e), expected(e));
    }

    /** Jackson has no type of its own for {@code FAIL_ON_TRAILING_TOKENS}; its message is the mark. */
    static boolean isTrailing(MismatchedInputException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token");
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof StrictJson.RefusedString refused) {
            return refused.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is not a field of " + unknown.getReferringClass().getSimpleName();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return mismatch.getTargetType() == String.class ? "must be a string"
                    : AdminProblems.expected(mismatch.getTargetType());
        }
        return "has the wrong type or shape";
    }
}
