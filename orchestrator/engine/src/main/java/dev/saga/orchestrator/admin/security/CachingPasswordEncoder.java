package dev.saga.orchestrator.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Believes a password that matched its stored hash for {@code ttl} without hashing it again, so a signed-in
 * console does not pay a bcrypt check (tens of milliseconds of CPU) on every call.
 *
 * <p>What is remembered is an HMAC-SHA256, under a key drawn afresh by each process, of the stored hash and the
 * password together: never the password, and nothing that outlives the process. Another password, or another
 * stored hash for the same user (a changed password), gives another fingerprint and is checked in full. Only
 * matches are remembered, one per user and password in use, and expired ones are dropped as new ones come.
 */
final class CachingPasswordEncoder implements PasswordEncoder {

    private static final String HMAC = "HmacSHA256";

    private final PasswordEncoder hashes;
    private final Duration ttl;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Instant> verifiedUntil = new ConcurrentHashMap<>();

    CachingPasswordEncoder(PasswordEncoder hashes, Duration ttl, Clock clock) {
        this.hashes = hashes;
        this.ttl = ttl;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hashes.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return hashes.matches(rawPassword, encodedPassword);
        }
        String fingerprint = fingerprint(rawPassword, encodedPassword);
        Instant now = clock.instant();
        Instant until = verifiedUntil.get(fingerprint);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        boolean matches = hashes.matches(rawPassword, encodedPassword);
        if (matches) {
            verifiedUntil.values().removeIf(expiry -> !now.isBefore(expiry));
            verifiedUntil.put(fingerprint, now.plus(ttl));
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return hashes.upgradeEncoding(encodedPassword);
    }

    /** How many verified logins are remembered now. */
    int remembered() {
        return verifiedUntil.size();
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(
                    mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " is part of every Java runtime", e);
        }
    }
}
