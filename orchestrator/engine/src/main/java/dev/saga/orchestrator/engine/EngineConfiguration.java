package dev.saga.orchestrator.engine;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The engine's parts: the repository, timeline, outbox and timers of the saga tables, the engine over them, and the
 * check that the application registers every message type a loaded definition names.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    SagaRepository.class, SagaTimeline.class, TransactionalSagaOutbox.class, SagaTimers.class, SagaData.class,
    StepMessages.class, ReplySenders.class, SagaEngine.class, SagaStarts.class, SagaDecisions.class,
    DefinitionMessagesCheck.class
})
public class EngineConfiguration {
}
