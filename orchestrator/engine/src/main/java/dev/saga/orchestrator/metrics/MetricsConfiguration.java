package dev.saga.orchestrator.metrics;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The saga metrics and the outbox's lag, as a meter and a health indicator. */
@Configuration(proxyBeanMethods = false)
@Import({
    SagaMetrics.class, OutboxLag.class
})
public class MetricsConfiguration {
}
