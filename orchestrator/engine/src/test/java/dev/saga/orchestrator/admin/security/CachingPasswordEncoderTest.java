package dev.saga.orchestrator.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class CachingPasswordEncoderTest {

    private final AtomicInteger hashed = new AtomicInteger();
    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            hashed.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final SteppedClock clock = new SteppedClock();
    private final CachingPasswordEncoder cache = new CachingPasswordEncoder(counting, Duration.ofSeconds(30), clock);
    private final String stored = bcrypt.encode("s3cret");

    @Test
    void believesAVerifiedPasswordForTheTtlWithoutHashingItAgain() {
        assertThat(cache.matches("s3cret", stored)).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(cache.matches("s3cret", stored)).isTrue();
        assertThat(hashed).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.matches("s3cret", stored)).isTrue();
        assertThat(hashed).as("checked again once the ttl is over").hasValue(2);
    }

    @Test
    void neverBelievesAnotherPasswordOrAChangedOneFromTheCache() {
        assertThat(cache.matches("s3cret", stored)).isTrue();

        assertThat(cache.matches("s3cret!", stored)).isFalse();
        assertThat(cache.matches("s3cre", stored)).isFalse();
        String changed = bcrypt.encode("n3w");
        assertThat(cache.matches("s3cret", changed)).as("the old password against the new hash").isFalse();
        assertThat(cache.matches("n3w", changed)).isTrue();
        assertThat(hashed).hasValue(5);
    }

    @Test
    void remembersOnlyMatchesAndDropsExpiredOnes() {
        for (int i = 0; i < 10; i++) {
            assertThat(cache.matches("guess-" + i, stored)).isFalse();
        }
        assertThat(cache.remembered()).isZero();

        cache.matches("s3cret", stored);
        clock.advance(Duration.ofMinutes(1));
        String other = bcrypt.encode("other");
        cache.matches("other", other);

        assertThat(cache.remembered()).isEqualTo(1);
    }
}
