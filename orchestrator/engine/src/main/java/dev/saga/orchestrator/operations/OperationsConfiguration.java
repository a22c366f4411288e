package dev.saga.orchestrator.operations;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What an operator can do to a saga: start, retry, compensate, resume and migrate it. */
@Configuration(proxyBeanMethods = false)
@Import({
    StartRequests.class, SagaOperations.class, SagaMigrations.class, SagaSignals.class
})
public class OperationsConfiguration {
}
