package dev.saga.participant.order.web;

import dev.saga.participant.order.cancellation.CancellationRefusedException;
import dev.saga.participant.order.placement.FieldProblem;
import dev.saga.participant.order.placement.IdempotencyKeyReusedException;
import dev.saga.participant.order.placement.InvalidOrderException;
import dev.saga.web.BodySizeLimit;
import dev.saga.web.UnreadableBody;
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
        UnreadableBody why = UnreadableBody.of(e);
        if (why instanceof UnreadableBody.TooLarge tooLarge) {
            return handleExceptionInternal(e, BodySizeLimit.problem(tooLarge.maxBytes()), headers,
                    HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem = why instanceof UnreadableBody.WrongField field
                ? invalid(List.of(new FieldProblem(field.field(), field.message())))
                : malformed(((UnreadableBody.Malformed) why).detail());
        return handleExceptionInternal(e, problem, headers, status, request);
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
}
