package dev.saga.orchestrator.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that may change state unless it carries {@value #HEADER} (any value), before its
 * credentials are even read. A browser keeps a Basic login and sends it along with a form another site submits
 * to us; such a form cannot set a custom header, and a script on another origin can only after a CORS preflight
 * we never answer. An {@code Origin} check would not do: a client may send none.
 *
 * <p>GET and HEAD only read. OPTIONS is exempt too: Spring MVC answers it itself with the allowed methods, it
 * reaches no controller (the endpoint test checks that none maps it), and a CORS preflight cannot carry
 * custom headers.
 */
public final class RequestedByFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Requested-By";
    private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

    private final SecurityProblems problems;

    RequestedByFilter(SecurityProblems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (READ_ONLY.contains(request.getMethod()) || StringUtils.hasText(request.getHeader(HEADER))) {
            chain.doFilter(request, response);
        } else {
            problems.missingHeader(request, response, HEADER);
        }
    }
}
