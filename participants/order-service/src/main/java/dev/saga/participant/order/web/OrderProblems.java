package dev.saga.participant.order.web;

import dev.saga.web.BodySizeLimit;
import dev.saga.web.StrictJson;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.saga.participant.order.cancellation.CancellationRefusedException;
import dev.saga.participant.order.placement.FieldProblem;
import dev.saga.participant.order.placement.IdempotencyKeyReusedException;
import dev.saga.participant.order.placement.InvalidOrderException;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the order API as an RFC 7807 problem ({@code application/problem+json}). A refused order
 * lists its faulty fields by path under {@code errors}, so a client can point at what to fix. Errors raised
 * before a controller runs are problems too: see {@link dev.saga.web.HttpInput}.
 */
@RestControllerAdvice
class OrderProblems extends ResponseEntityExceptionHandler {

    static final String INVALID_ORDER = "Invalid order";
    static final String MALFORMED = "Malformed request body";

    @ExceptionHandler(InvalidOrderException.class)
    ProblemDetail invalidOrder(InvalidOrderException e) {
        return invalid(e.problems());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Idempotency-Key reused");
        problem.setProperty("idempotencyKey", e.key());
        return problem;
    }

    @ExceptionHandler(CancellationRefusedException.class)
    ProblemDetail cancellationRefused(CancellationRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Order cannot be cancelled");
        problem.setProperty("status", e.status().name());
        return problem;
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ProblemDetail notFound(OrderNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Order not found");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        return handleExceptionInternal(e, invalid(problems), headers, status, request);
    }

    /**
     * A body past the size limit is 413; unparseable JSON, JSON nested too deeply and JSON followed by more have
     * no field to name; JSON of the wrong shape names the field it broke at.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        ProblemDetail problem;
        if (cause instanceof BodySizeLimit.TooLarge tooLarge) {
            problem = BodySizeLimit.problem(tooLarge.maxBytes());
            return handleExceptionInternal(e, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        } else if (cause instanceof StreamConstraintsException) {
            problem = malformed("The request body is nested more than " + StrictJson.MAX_DEPTH + " levels deep");
        } else if (cause instanceof JsonParseException parsing) {
            problem = malformed("The request body is not valid JSON: " + parsing.getOriginalMessage() + " at line "
                    + parsing.getLocation().getLineNr() + ", column " + parsing.getLocation().getColumnNr());
        } else if (e.getCause() instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            problem = isTrailing(mismatch)
                    ? malformed("The request body goes on after its JSON value, at line "
                            + mismatch.getLocation().getLineNr() + ", column " + mismatch.getLocation().getColumnNr())
                    : invalid(List.of(new FieldProblem("body", "must be a JSON object")));
        } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = invalid(List.of(new FieldProblem(path(mapping), expected(mapping))));
        } else {
            problem = malformed("The request body is missing or empty");
        }
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /** Jackson has no type of its own for {@code FAIL_ON_TRAILING_TOKENS}; its message is the mark. */
    private static boolean isTrailing(MismatchedInputException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token");
    }

    private static ProblemDetail malformed(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(MALFORMED);
        return problem;
    }

    private static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The order was not placed; see errors for the fields to fix");
        problem.setTitle(INVALID_ORDER);
        problem.setProperty("errors", problems);
        return problem;
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof StrictJson.RefusedString refused) {
            return refused.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> type = mismatch.getTargetType();
            if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
                return "must be a whole number";
            }
            if (type == String.class) {
                return "must be a string";
            }
            return "must be of type " + type.getSimpleName();
        }
        return "has the wrong type or shape";
    }

    /** {@code lines[0].quantity} from Jackson's path of references. */
    private static String path(JsonMappingException e) {
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
}
