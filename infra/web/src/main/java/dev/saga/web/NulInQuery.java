package dev.saga.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query parameter holding a NUL (U+0000) in its name or value with a 400 problem naming it: PostgreSQL
 * text cannot hold a NUL, so a filter such as {@code ?type=%00} would fail in the database as a 500. Tomcat
 * already refuses a NUL in the path, and {@link StrictJson} one in a body. The query string is parsed here, not
 * through the request's parameters, which would read a form body too.
 */
class NulInQuery extends OncePerRequestFilter {

    private final ObjectMapper json;

    NulInQuery(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refused = parameterWithNul(request.getQueryString());
        if (refused.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request was refused; see errors for what to fix");
        problem.setTitle("Invalid request");
        // The shape of every service's field problems: the parameter by name, and why.
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", refused.get());
        error.put("message", StrictJson.NO_NUL);
        problem.setProperty("errors", List.of(error));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The name of the first parameter with a NUL in its name or value (the NUL shown as \u0000). */
    static Optional<String> parameterWithNul(String query) {
        if (query == null || !query.contains("%00")) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                return Optional.of(name.replace("\0", "\\u0000"));
            }
        }
        return Optional.empty();
    }

    private static String decoded(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A broken escape: Tomcat drops such a parameter, so it cannot reach the database either.
            return "";
        }
    }
}
