package dev.saga.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay batches and polls ({@code saga.outbox.*}). {@code enabled=false} runs a process that
 * writes its outbox but leaves publishing to other instances, e.g. to drill a crash between commit and publish.
 * {@code deleteDelay} is how long a confirmed row may wait to be deleted with others in one statement.
 *
 * @param enabled Whether this process publishes outbox rows (false leaves publishing to other instances).
 * @param batchSize How many outbox rows one poll of the relay publishes at most.
 * @param pollInterval How often the relay polls for rows whose lease ran out or whose publish failed.
 * @param confirmTimeout How long the relay waits for the broker's confirms of what it published.
 * @param deleteDelay How long a confirmed row may wait to be deleted together with others.
 */
@ConfigurationProperties("saga.outbox")
public record OutboxSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("100ms") Duration deleteDelay) {
}
