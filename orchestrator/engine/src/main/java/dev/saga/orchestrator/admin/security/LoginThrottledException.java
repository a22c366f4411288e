package dev.saga.orchestrator.admin.security;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/** A login refused unchecked: its (user name, address) pair failed too often in the current window. */
final class LoginThrottledException extends AuthenticationException {

    private final transient LoginThrottle.Pair pair;
    private final Instant until;
    private final long retryAfterSeconds;

    LoginThrottledException(LoginThrottle.Pair pair, LoginThrottle.Refusal refusal) {
        super("Too many failed logins for " + pair.username() + " from " + pair.address());
        this.pair = pair;
        this.until = refusal.until();
        this.retryAfterSeconds = refusal.retryAfterSeconds();
    }

    LoginThrottle.Pair pair() {
        return pair;
    }

    Instant until() {
        return until;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
