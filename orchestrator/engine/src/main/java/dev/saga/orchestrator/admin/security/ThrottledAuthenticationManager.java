package dev.saga.orchestrator.admin.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks a login only while its (user name, client address) pair is not throttled: a refused pair costs a map
 * look-up, not a password hash. Counts each wrong password against its pair and clears the pair on success.
 * The address is the connection's peer as the servlet container reports it.
 */
final class ThrottledAuthenticationManager implements AuthenticationManager {

    private final LoginThrottle throttle;
    private final AuthenticationManager logins;

    ThrottledAuthenticationManager(LoginThrottle throttle, AuthenticationManager logins) {
        this.throttle = throttle;
        this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        LoginThrottle.Pair pair = LoginThrottle.Pair.of(attempt.getName(),
                attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null);
        Optional<LoginThrottle.Refusal> refusal = throttle.refusal(pair);
        if (refusal.isPresent()) {
            throw new LoginThrottledException(pair, refusal.get());
        }
        try {
            Authentication signedIn = logins.authenticate(attempt);
            throttle.succeeded(pair);
            return signedIn;
        } catch (BadCredentialsException wrong) {
            throttle.failed(pair);
            throw wrong;
        }
    }
}
