package dev.saga.orchestrator.query;

import dev.saga.orchestrator.engine.plan.SagaStatus;
import java.time.Instant;

/**
 * Which sagas to list; a null field does not filter. {@code step} matches the current step whether it runs
 * forward or compensates ({@code reserve-stock} also finds {@code compensate-reserve-stock}), or one machine
 * state exactly. {@code createdFrom} is inclusive, {@code createdTo} exclusive.
 */
public record SagaFilter(String type, SagaStatus status, String step, Instant createdFrom, Instant createdTo,
                         String businessKey) {
}
