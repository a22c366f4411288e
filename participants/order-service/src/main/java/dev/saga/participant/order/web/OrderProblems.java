package dev.saga.participant.order.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.saga.participant.order.cancellation.CancellationRefusedException;
import dev.saga.participant.order.placement.FieldProblem;
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
 * lists its faulty fields by path under {@code errors}, so a client can point at what to fix.
 */
@RestControllerAdvice
class OrderProblems extends ResponseEntityExceptionHandler {

    static final String INVALID_ORDER = "Invalid order";
    static final String MALFORMED = "Malformed request body";

    @ExceptionHandler(InvalidOrderException.class)
    ProblemDetail invalidOrder(InvalidOrderException e) {
        return invalid(e.problems());
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

    /** Unparseable JSON has no field to name; JSON of the wrong shape names the field it broke at. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem;
        if (e.getMostSpecificCause() instanceof JsonParseException parsing) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON: "
                    + parsing.getOriginalMessage() + " at line " + parsing.getLocation().getLineNr()
                    + ", column " + parsing.getLocation().getColumnNr());
            problem.setTitle(MALFORMED);
        } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = invalid(List.of(new FieldProblem(path(mapping), expected(mapping))));
        } else {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is missing or empty");
            problem.setTitle(MALFORMED);
        }
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    private static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The order was not placed; see errors for the fields to fix");
        problem.setTitle(INVALID_ORDER);
        problem.setProperty("errors", problems);
        return problem;
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be of type " + mismatch.getTargetType().getSimpleName();
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
