package dev.saga.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Why a request body could not be read: too large (413), not JSON a client can fix by a field (nested too
 * deeply, unparseable, followed by more, missing), or one field of the wrong kind, named by its path. Each
 * service turns it into its own problem response.
 */
public sealed interface UnreadableBody {

    /** Past {@code saga.http.max-body-size}. */
    record TooLarge(long maxBytes) implements UnreadableBody {
    }

    /** No field to name: what is wrong with the body as a whole. */
    record Malformed(String detail) implements UnreadableBody {
    }

    /** The field, by its path ({@code lines[0].quantity}, or {@code body} for the whole), and what it must be. */
    record WrongField(String field, String message) implements UnreadableBody {
    }

    static UnreadableBody of(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof BodySizeLimit.TooLarge tooLarge) {
            return new TooLarge(tooLarge.maxBytes());
        }
        if (cause instanceof StreamConstraintsException) {
            return new Malformed("The request body is nested more than " + StrictJson.MAX_DEPTH + " levels deep");
        }
        if (cause instanceof JsonParseException parsing) {
            return new Malformed("The request body is not valid JSON: " + parsing.getOriginalMessage()
                    + " at line " + parsing.getLocation().getLineNr() + ", column "
                    + parsing.getLocation().getColumnNr());
        }
        if (e.getCause() instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return JsonFieldPaths.isTrailing(mismatch)
                    ? new Malformed("The request body goes on after its JSON value, at line "
                            + mismatch.getLocation().getLineNr() + ", column " + mismatch.getLocation().getColumnNr())
                    : new WrongField("body", "must be a JSON object");
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return new WrongField(JsonFieldPaths.path(mapping), JsonFieldPaths.expected(mapping));
        }
        return new Malformed("The request body is missing or empty");
    }
}
