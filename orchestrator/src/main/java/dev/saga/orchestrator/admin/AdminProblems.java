package dev.saga.orchestrator.admin;

import dev.saga.web.BodySizeLimit;
import dev.saga.web.StrictJson;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.saga.orchestrator.engine.SagaActionRefusedException;
import dev.saga.orchestrator.engine.SagaNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the admin API as an RFC 7807 problem ({@code application/problem+json}) that says what was
 * wrong: bad input lists its fields under {@code errors} (400), an unknown saga or type is 404, and an action
 * the saga's state does not allow is 409 with the reason. Bad input is refused here, before the engine runs.
 */
@RestControllerAdvice
class AdminProblems extends ResponseEntityExceptionHandler {

    static final String INVALID_REQUEST = "Invalid request";
    private static final String SEE_ERRORS = "The request was refused; see errors for what to fix";

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return invalid(e.getMessage(), e.problems());
    }

    @ExceptionHandler(SagaNotFoundException.class)
    ProblemDetail sagaNotFound(SagaNotFoundException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Saga not found", e.getMessage());
        problem.setProperty("sagaId", e.sagaId());
        return problem;
    }

    @ExceptionHandler(SagaNotFoundByKeyException.class)
    ProblemDetail sagaNotFoundByKey(SagaNotFoundByKeyException e) {
        return problem(HttpStatus.NOT_FOUND, "Saga not found", e.getMessage());
    }

    @ExceptionHandler(UnknownSagaTypeException.class)
    ProblemDetail unknownType(UnknownSagaTypeException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown saga type", e.getMessage());
    }

    @ExceptionHandler(UnknownMigrationException.class)
    ProblemDetail unknownMigration(UnknownMigrationException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown migration", e.getMessage());
    }

    @ExceptionHandler(SagaActionRefusedException.class)
    ProblemDetail refused(SagaActionRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Action refused", e.getMessage());
        problem.setProperty("action", e.action());
        problem.setProperty("sagaId", e.sagaId());
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return handleExceptionInternal(e, invalid(SEE_ERRORS, fieldProblems(e.getBindingResult().getFieldErrors())),
                headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors errors) {
                problems.addAll(fieldProblems(errors.getFieldErrors()));
            } else {
                String name = nameOf(result.getMethodParameter());
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    problems.add(new FieldProblem(name, error.getDefaultMessage()));
                }
            }
        }
        return handleExceptionInternal(e, invalid(SEE_ERRORS, sorted(problems)), headers, HttpStatus.BAD_REQUEST,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status,
                                                                          WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return handleExceptionInternal(e, invalid(SEE_ERRORS,
                    List.of(new FieldProblem(missing.getHeaderName(), "header is required"))), headers, status,
                    request);
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : e.getPropertyName();
        return handleExceptionInternal(e, invalid(SEE_ERRORS,
                List.of(new FieldProblem(name, expected(e.getRequiredType())))), headers, status, request);
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
            return handleExceptionInternal(e, BodySizeLimit.problem(tooLarge.maxBytes()), headers,
                    HttpStatus.PAYLOAD_TOO_LARGE, request);
        } else if (cause instanceof StreamConstraintsException) {
            problem = malformed("The request body is nested more than " + StrictJson.MAX_DEPTH + " levels deep");
        } else if (cause instanceof JsonParseException parsing) {
            problem = malformed("The request body is not valid JSON: " + parsing.getOriginalMessage() + " at line "
                    + parsing.getLocation().getLineNr() + ", column " + parsing.getLocation().getColumnNr());
        } else if (e.getCause() instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            problem = JsonFieldPaths.isTrailing(mismatch)
                    ? malformed("The request body goes on after its JSON value, at line "
                            + mismatch.getLocation().getLineNr() + ", column " + mismatch.getLocation().getColumnNr())
                    : invalid(SEE_ERRORS, List.of(new FieldProblem("body", "must be a JSON object")));
        } else if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = invalid(SEE_ERRORS, List.of(JsonFieldPaths.problem(mapping)));
        } else {
            problem = malformed("The request body is missing or empty");
        }
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    private static ProblemDetail malformed(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail);
    }

    private static List<FieldProblem> fieldProblems(List<FieldError> errors) {
        return sorted(errors.stream().map(error -> new FieldProblem(error.getField(), error.isBindingFailure()
                && error.contains(TypeMismatchException.class)
                ? expected(error.unwrap(TypeMismatchException.class).getRequiredType())
                : error.getDefaultMessage())).toList());
    }

    private static List<FieldProblem> sorted(List<FieldProblem> problems) {
        return problems.stream().sorted(Comparator.comparing(FieldProblem::field)
                .thenComparing(FieldProblem::message)).distinct().toList();
    }

    /** What a value of the parameter's type looks like, in words a client can act on. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
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

    private static String nameOf(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null) {
            return firstNonEmpty(header.name(), header.value(), parameter.getParameterName());
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null) {
            return firstNonEmpty(param.name(), param.value(), parameter.getParameterName());
        }
        return parameter.getParameterName();
    }

    private static String firstNonEmpty(String... names) {
        return Arrays.stream(names).filter(name -> name != null && !name.isEmpty()).findFirst().orElse("");
    }

    private static ProblemDetail invalid(String detail, List<FieldProblem> problems) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, detail);
        problem.setProperty("errors", problems);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
