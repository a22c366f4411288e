package dev.saga.orchestrator.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many sagas may be in flight (running or compensating) before new ones wait ({@code saga.admission.*}), and
 * how often the count is read again while they wait. {@code maxInFlight = 0} admits every start at once.
 *
 * @param maxInFlight How many sagas may run or compensate at once before further starts wait in their queue;
 *                    0 for no limit.
 * @param recount How often the sagas in flight are counted again while starts wait.
 */
@ConfigurationProperties("saga.admission")
public record AdmissionSettings(
        @DefaultValue("200") int maxInFlight,
        @DefaultValue("50ms") Duration recount) {

    public AdmissionSettings {
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("saga.admission.max-in-flight must be 0 (no limit) or more, was "
                    + maxInFlight);
        }
        if (recount.isNegative() || recount.isZero()) {
            throw new IllegalArgumentException("saga.admission.recount must be positive, was " + recount);
        }
    }

    boolean limited() {
        return maxInFlight > 0;
    }
}
