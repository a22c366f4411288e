package dev.saga.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounded prefetch and consumer threads per queue ({@code saga.consumer.*}). A consumer acknowledges the messages
 * it handled together, up to {@code ackBatch} at once, as soon as no next message arrived within {@code ackWait}:
 * each acknowledgement is a write to the quorum queue's log, so a busy queue writes one for many messages. Every
 * message is still handled as it arrives, and acknowledged only after its transaction committed.
 */
@ConfigurationProperties("saga.consumer")
public record ConsumerSettings(
        @DefaultValue("20") int prefetch,
        @DefaultValue("2") int concurrency,
        @DefaultValue("10") int ackBatch,
        @DefaultValue("20ms") Duration ackWait) {
}
