package dev.saga.orchestrator.engine;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The engine's parts: the repository, timeline, outbox and timers of the saga tables, and the engine over them. */
@Configuration(proxyBeanMethods = false)
@Import({
    SagaRepository.class, SagaTimeline.class, TransactionalSagaOutbox.class, SagaTimers.class, SagaData.class,
    StepMessages.class, ReplySenders.class, SagaEngine.class, SagaStarts.class
})
public class EngineConfiguration {
}
