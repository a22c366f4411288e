package dev.saga.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Bounded prefetch and consumer threads per queue ({@code saga.consumer.*}). */
@ConfigurationProperties("saga.consumer")
public record ConsumerSettings(@DefaultValue("20") int prefetch, @DefaultValue("2") int concurrency) {
}
