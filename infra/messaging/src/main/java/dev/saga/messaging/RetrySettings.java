package dev.saga.messaging;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The delays of the retry tiers every work queue gets ({@code saga.retry.delays}): after a transient failure a
 * message waits out the first delay, after the next failure the second, and so on; after the last it is parked.
 * The delays are queue arguments, so changing them means deleting the tier queues before the services start.
 *
 * @param delays How long a message waits in each retry tier after a transient failure, one delay per tier; after
 *               the last tier it is parked.
 */
@ConfigurationProperties("saga.retry")
public record RetrySettings(@DefaultValue({"1s", "10s", "60s"}) List<Duration> delays) {

    public RetrySettings {
        delays = List.copyOf(delays);
        for (Duration delay : delays) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("saga.retry.delays must be positive: " + delays);
            }
        }
    }

    /** How many retries a message gets after its first failed attempt. */
    public int tiers() {
        return delays.size();
    }

    /** The delay of tier {@code tier}, counted from 1. */
    public Duration delay(int tier) {
        return delays.get(tier - 1);
    }
}
