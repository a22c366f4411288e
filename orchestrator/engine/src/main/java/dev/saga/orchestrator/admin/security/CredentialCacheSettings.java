package dev.saga.orchestrator.admin.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a verified login is believed without checking its password hash again
 * ({@code saga.admin.credential-cache.ttl}); {@code 0} checks every request.
 *
 * @param ttl How long a verified login is believed without checking its password hash again; 0 checks every
 *            request.
 */
@ConfigurationProperties("saga.admin.credential-cache")
public record CredentialCacheSettings(@DefaultValue("30s") Duration ttl) {

    public CredentialCacheSettings {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("saga.admin.credential-cache.ttl must be 0 (off) or more, was " + ttl);
        }
    }

    boolean enabled() {
        return !ttl.isZero();
    }
}
