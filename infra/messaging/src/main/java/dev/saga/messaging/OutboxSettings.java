package dev.saga.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How the outbox relay batches and polls ({@code saga.outbox.*}). */
@ConfigurationProperties("saga.outbox")
public record OutboxSettings(
        @DefaultValue("100") int batchSize,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("10s") Duration confirmTimeout) {
}
