package dev.saga.orchestrator.admin.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed logins are throttled ({@code saga.admin.login-throttle.*}): after {@code maxFailures} failed logins
 * of one user name from one client address within {@code window}, that pair is refused with 429 until the window
 * closes. At most {@code maxTracked} pairs are remembered; beyond that the one whose window opened first is
 * forgotten, so a flood of made-up names cannot grow the table without bound.
 *
 * @param maxFailures Failed logins of one user name from one address within the window before that pair is
 *                    refused with 429.
 * @param window How long a pair's failed logins count, and how long the pair is then refused.
 * @param maxTracked How many (user name, address) pairs are remembered at most.
 */
@ConfigurationProperties("saga.admin.login-throttle")
public record LoginThrottleSettings(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("1m") Duration window,
        @DefaultValue("10000") int maxTracked) {

    public LoginThrottleSettings {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("saga.admin.login-throttle.max-failures must be 1 or more, was "
                    + maxFailures);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("saga.admin.login-throttle.window must be positive, was " + window);
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("saga.admin.login-throttle.max-tracked must be 1 or more, was "
                    + maxTracked);
        }
    }
}
