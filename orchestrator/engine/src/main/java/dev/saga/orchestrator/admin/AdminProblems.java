package dev.saga.orchestrator.admin;

import dev.saga.orchestrator.engine.SagaNotFoundException;
import dev.saga.orchestrator.operations.SagaActionRefusedException;
import dev.saga.orchestrator.operations.UnknownSignalException;
import dev.saga.web.BodySizeLimit;
import dev.saga.web.JsonFieldPaths;
import dev.saga.web.UnreadableBody;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
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

    @ExceptionHandler(UnknownSignalException.class)
    ProblemDetail unknownSignal(UnknownSignalException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Unknown signal", e.getMessage());
        problem.setProperty("sagaId", e.sagaId());
        return problem;
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
        FieldProblem problem = new FieldProblem(name, JsonFieldPaths.expected(e.getRequiredType()));
        return handleExceptionInternal(e, invalid(SEE_ERRORS, List.of(problem)), headers, status, request);
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
                ? invalid(SEE_ERRORS, List.of(new FieldProblem(field.field(), field.message())))
                : malformed(((UnreadableBody.Malformed) why).detail());
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    private static ProblemDetail malformed(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail);
    }

    private static List<FieldProblem> fieldProblems(List<FieldError> errors) {
        return sorted(errors.stream().map(error -> new FieldProblem(error.getField(), error.isBindingFailure()
                && error.contains(TypeMismatchException.class)
                ? JsonFieldPaths.expected(error.unwrap(TypeMismatchException.class).getRequiredType())
                : error.getDefaultMessage())).toList());
    }

    private static List<FieldProblem> sorted(List<FieldProblem> problems) {
        return problems.stream().sorted(Comparator.comparing(FieldProblem::field)
                .thenComparing(FieldProblem::message)).distinct().toList();
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
