package dev.saga.orchestrator.admin.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.util.StringUtils;

/**
 * Refusals from the security filters as problem JSON, like every other admin API error:
 * <ul>
 *   <li>401 when the credentials are missing or wrong, with the Basic challenge only for a client that did not
 *       send {@value RequestedByFilter#HEADER}: a script (the console) sends it and handles the 401 itself,
 *       where the challenge would make the browser ask for, and then keep, a login of its own;</li>
 *   <li>403 when the user's role does not allow the request, or a state-changing request lacks the header;</li>
 *   <li>429 with {@code Retry-After} when the login was throttled.</li>
 * </ul>
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "saga-orchestrator";

    private final ObjectMapper json;

    SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            tooManyFailures(request, response, throttled);
            return;
        }
        if (!StringUtils.hasText(request.getHeader(RequestedByFilter.HEADER))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        String detail = e instanceof BadCredentialsException
                ? "Wrong user name or password; log in with HTTP Basic as a viewer or an operator"
                : "Log in with HTTP Basic as a viewer or an operator";
        write(request, response, problem(HttpStatus.UNAUTHORIZED, "Authentication required", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, problem(HttpStatus.FORBIDDEN, "Not allowed",
                request.getMethod() + " " + request.getRequestURI() + " needs the operator role"));
    }

    void missingHeader(HttpServletRequest request, HttpServletResponse response, String header) throws IOException {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "Header required", request.getMethod() + " "
                + request.getRequestURI() + " changes state and needs the header " + header
                + " (any value); a form posted from another site cannot send it");
        problem.setProperty("header", header);
        write(request, response, problem);
    }

    private void tooManyFailures(HttpServletRequest request, HttpServletResponse response,
                                 LoginThrottledException throttled) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
        ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                "Too many failed logins as " + throttled.pair().username() + " from " + throttled.pair().address()
                        + "; try again in " + throttled.retryAfterSeconds() + " s (at " + throttled.until() + ")");
        problem.setProperty("retryAt", throttled.until().toString());
        write(request, response, problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
